import type { Policy } from './policy.js';

/** Every Slack user group id the policy grants a role to (the only groups worth looking up). */
export function policyUsergroups(policy: Policy): string[] {
  const ids = new Set(policy.usergroups.keys());
  for (const channel of policy.channels.values()) for (const id of channel.usergroups.keys()) ids.add(id);
  return [...ids];
}
