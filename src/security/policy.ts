import { parseDocument } from 'yaml';
import { ConfigError } from '../core/errors.js';
import { describeIssues, PolicyFile, type ChannelPolicyFile } from './policy-schema.js';
import { maxRole, minRole, type Role } from './roles.js';

/** Where the roles come from: a policy file, KUBE_OPERATORS/KUBE_ADMINS, or nothing at all. */
export type PolicyOrigin = 'file' | 'env' | 'none';

export interface ChannelPolicy {
  cloud?: string;
  project?: string;
  roleFloor?: Role;
  roleCeiling?: Role;
  users: ReadonlyMap<string, Role>;
  usergroups: ReadonlyMap<string, Role>;
}

/** The channels and clouds that may use one cluster registered by kubeconfig. */
export interface KubeconfigClusterBinding {
  channels: readonly string[];
  clouds: readonly string[];
}

/** The access policy in force, whichever way it was configured. */
export interface Policy {
  origin: PolicyOrigin;
  file?: string;
  defaults: { role: Role; roleCeiling?: Role; cloud?: string; project?: string };
  users: ReadonlyMap<string, Role>;
  usergroups: ReadonlyMap<string, Role>;
  channels: ReadonlyMap<string, ChannelPolicy>;
  clouds?: readonly string[];
  /**
   * Clusters registered by kubeconfig and where they may be used. Unset (no policy file): every
   * channel, as every channel then works on the one configured cloud.
   */
  kubeconfigClusters?: ReadonlyMap<string, KubeconfigClusterBinding>;
}

export type PolicyParseResult = { ok: true; policy: Policy } | { ok: false; problems: string[] };

export interface RoleSubject {
  userId: string;
  userGroups: readonly string[];
  channelId?: string;
}

/** A resolved role, with the role it would have been without a ceiling and where that ceiling came from. */
export interface ResolvedAccess {
  role: Role;
  uncapped: Role;
  ceiling?: { role: Role; key: string };
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const EMPTY = new Map<string, Role>();

/** Parses and validates a policy file's text; problems name the file, the key path and what is wrong. */
export function parsePolicy(text: string, file: string): PolicyParseResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const firstLine = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        const pos = error.linePos?.[0];
        return pos ? `${file}:${pos.line}:${pos.col}: ${firstLine}` : `${file}: ${firstLine}`;
      }),
    };
  }
  const parsed = PolicyFile.safeParse(doc.toJS());
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error.issues).map((p) => `${file}: ${p}`) };
  const data = parsed.data;
  return {
    ok: true,
    policy: {
      origin: 'file',
      file,
      defaults: {
        role: data.defaults.role,
        roleCeiling: data.defaults.role_ceiling,
        cloud: data.defaults.cloud,
        project: data.defaults.project,
      },
      users: new Map(Object.entries(data.users)),
      usergroups: new Map(Object.entries(data.usergroups)),
      channels: new Map(Object.entries(data.channels).map(([id, channel]) => [id, toChannelPolicy(channel)])),
      clouds: data.clouds,
      kubeconfigClusters: new Map(Object.entries(data.kubeconfig_clusters)),
    },
  };
}

function toChannelPolicy(channel: ChannelPolicyFile): ChannelPolicy {
  return {
    cloud: channel.cloud,
    project: channel.project,
    roleFloor: channel.role_floor,
    roleCeiling: channel.role_ceiling,
    users: new Map(Object.entries(channel.users ?? {})),
    usergroups: new Map(Object.entries(channel.usergroups ?? {})),
  };
}

/** The policy used without a policy file: KUBE_OPERATORS and KUBE_ADMINS, everyone else a viewer. */
export function envPolicy(operators: readonly string[], admins: readonly string[]): Policy {
  const problems = [
    ...operators.filter((id) => !USER_ID.test(id)).map((id) => `KUBE_OPERATORS: "${id}" is not a Slack user id (U... or W...)`),
    ...admins.filter((id) => !USER_ID.test(id)).map((id) => `KUBE_ADMINS: "${id}" is not a Slack user id (U... or W...)`),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  const users = new Map<string, Role>();
  for (const id of operators) users.set(id, 'operator');
  for (const id of admins) users.set(id, 'admin');
  return {
    origin: users.size > 0 ? 'env' : 'none',
    defaults: { role: 'viewer' },
    users,
    usergroups: EMPTY,
    channels: new Map(),
  };
}

/** The role a user has (in a channel, when given): the strongest grant, capped by any ceiling. */
export function resolveAccess(policy: Policy, subject: RoleSubject): ResolvedAccess {
  const channel = subject.channelId === undefined ? undefined : policy.channels.get(subject.channelId);
  const grants: Role[] = [policy.defaults.role];
  const add = (role: Role | undefined) => {
    if (role !== undefined) grants.push(role);
  };
  add(policy.users.get(subject.userId));
  for (const group of subject.userGroups) add(policy.usergroups.get(group));
  if (channel) {
    add(channel.roleFloor);
    add(channel.users.get(subject.userId));
    for (const group of subject.userGroups) add(channel.usergroups.get(group));
  }
  const uncapped = maxRole(...grants);
  const ceiling = channel?.roleCeiling
    ? { role: channel.roleCeiling, key: `channels.${subject.channelId}.role_ceiling` }
    : policy.defaults.roleCeiling
      ? { role: policy.defaults.roleCeiling, key: 'defaults.role_ceiling' }
      : undefined;
  return ceiling ? { role: minRole(uncapped, ceiling.role), uncapped, ceiling } : { role: uncapped, uncapped };
}

/** The role a user has under a policy (in a channel, when `channelId` is given). */
export function resolveRole(policy: Policy, subject: RoleSubject): Role {
  return resolveAccess(policy, subject).role;
}

/** Whether user group membership can change anyone's role in this channel (if not, skip the lookup). */
export function usesUsergroups(policy: Policy, channelId?: string): boolean {
  const channel = channelId === undefined ? undefined : policy.channels.get(channelId);
  return policy.usergroups.size > 0 || (channel?.usergroups.size ?? 0) > 0;
}

/** The OpenStack cloud and project a channel works in; unset fields mean the bot's configured default. */
export function channelBinding(policy: Policy, channelId: string): { cloud?: string; project?: string } {
  const channel = policy.channels.get(channelId);
  // A channel that names its own cloud or project does not inherit half of the default binding.
  const source = channel && (channel.cloud !== undefined || channel.project !== undefined) ? channel : policy.defaults;
  const { cloud, project } = source;
  return { ...(cloud === undefined ? {} : { cloud }), ...(project === undefined ? {} : { project }) };
}

/**
 * Whether a channel (working on `cloud`) may use the cluster registered by kubeconfig as `name`:
 * with a policy file, only when `kubeconfig_clusters` lists the channel or its cloud for it.
 */
export function kubeconfigClusterAllowed(policy: Policy, channelId: string, cloud: string, name: string): boolean {
  if (!policy.kubeconfigClusters) return true;
  const binding = policy.kubeconfigClusters.get(name);
  return binding !== undefined && (binding.channels.includes(channelId) || binding.clouds.includes(cloud));
}
