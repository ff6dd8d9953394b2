import { z } from 'zod';
import { ROLES } from './roles.js';

// Slack ids, never names: names change and can be taken by someone else.
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const SLACK_USERGROUP_ID = /^S[A-Z0-9]{2,}$/;
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const CLOUD_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const RoleName = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
const UserId = z.string().regex(SLACK_USER_ID, 'must be a Slack user id (U... or W...), not a name');
const UsergroupId = z.string().regex(SLACK_USERGROUP_ID, 'must be a Slack user group id (S...), not a handle');
const ChannelId = z.string().regex(SLACK_CHANNEL_ID, 'must be a Slack channel id (C... or G...), not a name');
const CloudName = z.string().regex(CLOUD_NAME, 'must be a clouds.yaml cloud name');
const ProjectName = z.string().trim().min(1).max(255);
// The base name of a file in KUBECONFIG_DIR, as `/kube` commands name the cluster.
const KubeconfigClusterName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/, 'must be a kubeconfig file name without extension');

const UserGrants = z.record(UserId, RoleName);
const UsergroupGrants = z.record(UsergroupId, RoleName);

// Strict objects on purpose: in a security policy a misspelt key (`user:` for `users:`)
// must fail loudly instead of silently granting or withholding a role.
export const ChannelPolicyFile = z.strictObject({
  cloud: CloudName.optional(),
  project: ProjectName.optional(),
  role_floor: RoleName.optional(),
  role_ceiling: RoleName.optional(),
  users: UserGrants.optional(),
  usergroups: UsergroupGrants.optional(),
});
export type ChannelPolicyFile = z.infer<typeof ChannelPolicyFile>;

// Who may use a cluster registered by kubeconfig: the listed channels, and every channel bound to a listed cloud.
export const KubeconfigClusterPolicyFile = z.strictObject({
  channels: z.array(ChannelId).default([]),
  clouds: z.array(CloudName).default([]),
});

export const PolicyFile = z
  .strictObject({
    version: z.literal(1, { error: 'must be 1' }),
    defaults: z
      .strictObject({
        role: RoleName.default('viewer'),
        role_ceiling: RoleName.optional(),
        cloud: CloudName.optional(),
        project: ProjectName.optional(),
      })
      .default({ role: 'viewer' }),
    users: UserGrants.default({}),
    usergroups: UsergroupGrants.default({}),
    channels: z.record(ChannelId, ChannelPolicyFile).default({}),
    clouds: z.array(CloudName).optional(),
    kubeconfig_clusters: z.record(KubeconfigClusterName, KubeconfigClusterPolicyFile).default({}),
  })
  .superRefine((policy, ctx) => {
    if (!policy.clouds) return;
    const known = new Set(policy.clouds);
    const check = (cloud: string | undefined, path: (string | number)[]) => {
      if (cloud !== undefined && !known.has(cloud)) {
        ctx.addIssue({ code: 'custom', path, message: `cloud "${cloud}" is not listed under clouds` });
      }
    };
    check(policy.defaults.cloud, ['defaults', 'cloud']);
    for (const [channelId, channel] of Object.entries(policy.channels)) check(channel.cloud, ['channels', channelId, 'cloud']);
    for (const [name, cluster] of Object.entries(policy.kubeconfig_clusters)) {
      cluster.clouds.forEach((cloud, i) => check(cloud, ['kubeconfig_clusters', name, 'clouds', i]));
    }
  });
export type PolicyFile = z.infer<typeof PolicyFile>;

/** One line per zod issue: `key.path: message`, with record-key problems spelt out. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.path.map(String).join('.') || '(top level)';
    if (issue.code === 'invalid_key') {
      const inner = issue.issues.map((i) => i.message).join('; ');
      return `${where}: invalid key: ${inner}`;
    }
    return `${where}: ${issue.message}`;
  });
}
