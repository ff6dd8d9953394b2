import { ROLES, type Role } from '../core/access.js';

export { ROLES, type Role } from '../core/access.js';

/** Position of a role in the privilege order (viewer 0, operator 1, admin 2). */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** Whether a user holding `actual` may do what needs `needed`. */
export { roleAtLeast as hasRole } from '../core/access.js';

/** The strongest of the given roles (viewer when none). */
export function maxRole(...roles: readonly Role[]): Role {
  return roles.reduce<Role>((best, role) => (roleRank(role) > roleRank(best) ? role : best), 'viewer');
}

/** The weaker of two roles. */
export function minRole(a: Role, b: Role): Role {
  return roleRank(a) <= roleRank(b) ? a : b;
}

/** Whether a string names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
