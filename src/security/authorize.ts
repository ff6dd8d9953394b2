import { PermissionError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import { resolveAccess, usesUsergroups, type Policy, type ResolvedAccess } from './policy.js';
import type { PolicySource } from './policy-source.js';
import { hasRole, type Role } from './roles.js';

/** Who is asking, and where. */
export interface Actor {
  userId: string;
  channelId: string;
}

/** `role` on success is the role proven so far: at least `needed`, possibly less than the user's full role. */
export type AuthorizeResult = { allowed: true; role: Role } | { allowed: false; role: Role; message: string };

export interface Authorizer {
  authorize(actor: Actor, needed: Role, action: string): Promise<AuthorizeResult>;
  /** Like authorize, but throws PermissionError with the denial message; returns the role. */
  require(actor: Actor, needed: Role, action: string): Promise<Role>;
  /** The user's full role in the channel (looks up user groups when the policy uses them). */
  roleOf(actor: Actor): Promise<Role>;
}

export interface AuthorizerOptions {
  policy: Pick<PolicySource, 'current'>;
  /** The user's Slack user group ids (a port: usergroups lookup, cached by the caller). */
  userGroups: (userId: string) => Promise<string[]>;
  /**
   * Whether the user is a restricted or ultra-restricted guest (users.info), cached by the caller.
   * Guests never get more than viewer; a failed lookup counts as guest.
   */
  isGuest?: (userId: string) => Promise<boolean>;
  logger?: Logger;
}

/** Creates the role check used by the web tier before enqueueing and by the worker before acting. */
export function createAuthorizer(options: AuthorizerOptions): Authorizer {
  const groupsOf = async (userId: string): Promise<{ groups: string[]; failed: boolean }> => {
    try {
      return { groups: await options.userGroups(userId), failed: false };
    } catch (error) {
      // Fail closed: without the groups only direct grants count.
      options.logger?.warn({ userId, err: error }, 'user group lookup failed');
      return { groups: [], failed: true };
    }
  };

  const guest = async (userId: string): Promise<boolean> => {
    if (!options.isGuest) return false;
    try {
      return await options.isGuest(userId);
    } catch (error) {
      options.logger?.warn({ userId, err: error }, 'guest lookup failed');
      return true;
    }
  };

  const allowUnlessGuest = async (actor: Actor, needed: Role, action: string, role: Role): Promise<AuthorizeResult> => {
    // Viewing skips the guest lookup, so the role reported is only what was proven: viewer.
    if (needed === 'viewer') return { allowed: true, role: options.isGuest ? 'viewer' : role };
    if (!(await guest(actor.userId))) return { allowed: true, role };
    return { allowed: false, role: 'viewer', message: `\`${action}\` needs the ${needed} role; guest accounts can only view.` };
  };

  const authorize = async (actor: Actor, needed: Role, action: string): Promise<AuthorizeResult> => {
    const policy = options.policy.current();
    const subject = { userId: actor.userId, channelId: actor.channelId };
    let access = resolveAccess(policy, { ...subject, userGroups: [] });
    if (hasRole(access.role, needed)) return allowUnlessGuest(actor, needed, action, access.role);
    let lookupFailed = false;
    if (usesUsergroups(policy, actor.channelId)) {
      const { groups, failed } = await groupsOf(actor.userId);
      lookupFailed = failed;
      access = resolveAccess(policy, { ...subject, userGroups: groups });
      if (hasRole(access.role, needed)) return allowUnlessGuest(actor, needed, action, access.role);
    }
    return { allowed: false, role: access.role, message: denialMessage(policy, actor, needed, action, access, lookupFailed) };
  };

  return {
    authorize,
    async require(actor, needed, action) {
      const result = await authorize(actor, needed, action);
      if (!result.allowed) throw new PermissionError(result.message);
      return result.role;
    },
    async roleOf(actor) {
      const policy = options.policy.current();
      const groups = usesUsergroups(policy, actor.channelId) ? (await groupsOf(actor.userId)).groups : [];
      const role = resolveAccess(policy, { userId: actor.userId, channelId: actor.channelId, userGroups: groups }).role;
      return role !== 'viewer' && (await guest(actor.userId)) ? 'viewer' : role;
    },
  };
}

/** The denial text: what was refused, the user's role, and the exact setting that would grant it. */
export function denialMessage(
  policy: Policy,
  actor: Actor,
  needed: Role,
  action: string,
  access: ResolvedAccess,
  lookupFailed = false,
): string {
  const head = `\`${action}\` needs the ${needed} role; you are ${article(access.role)} ${access.role}.`;
  const envKey = needed === 'admin' ? 'KUBE_ADMINS' : 'KUBE_OPERATORS';
  if (policy.origin === 'none') {
    const who = needed === 'admin' ? 'admins' : 'operators';
    return `${head} No ${who} are configured: set ${envKey}=${actor.userId} (comma-separated Slack user ids) or a policy file (KUBE_POLICY_FILE).`;
  }
  if (policy.origin === 'env') {
    return `${head} Ask an admin to add your user id \`${actor.userId}\` to ${envKey}.`;
  }
  if (access.ceiling && hasRole(access.uncapped, needed)) {
    return `${head} This channel allows at most the ${access.ceiling.role} role (policy file: \`${access.ceiling.key}\`); run it in another channel.`;
  }
  const hint =
    `${head} Ask an admin to grant it in the policy file (KUBE_POLICY_FILE): \`users: { ${actor.userId}: ${needed} }\`, ` +
    `\`channels: { ${actor.channelId}: { users: { ${actor.userId}: ${needed} } } }\` for this channel only, or one of your user groups under \`usergroups:\`.`;
  return lookupFailed ? `${hint} Your Slack user groups could not be checked just now; try again in a minute.` : hint;
}

function article(role: Role): string {
  return role === 'viewer' ? 'a' : 'an';
}
