/** Roles, in increasing power. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type AccessDecision = { allowed: true; role: Role } | { allowed: false; role: Role; message: string };

export interface Actor {
  userId: string;
  channelId: string;
}

/** Who may do what, and which cloud a channel works on (security/ implements it). */
export interface Access {
  authorize(actor: Actor, needed: Role, action: string): Promise<AccessDecision>;
  /** The OpenStack cloud bound to a channel (the default cloud when none is bound). */
  cloudFor(channelId: string): string;
  /** Whether the channel, working on `cloud`, may use the cluster registered by kubeconfig as `name`. */
  kubeconfigAllowed(channelId: string, cloud: string, name: string): boolean;
}

export function roleAtLeast(actual: Role, needed: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}
