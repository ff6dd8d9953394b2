import { PermissionError } from '../../../src/core/errors.js';
import { createAuthorizer } from '../../../src/security/authorize.js';
import { envPolicy, parsePolicy, type Policy } from '../../../src/security/policy.js';
import { recordingLogger } from './fakes.js';

const CHANNEL = 'C0TEAMA';

function filePolicy(text: string): Policy {
  const result = parsePolicy(text, '/etc/policy.yaml');
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.policy;
}

function authorizerFor(policy: Policy, groups: Record<string, string[]> = {}) {
  const lookups: string[] = [];
  const authorizer = createAuthorizer({
    policy: { current: () => policy },
    userGroups: async (userId) => {
      lookups.push(userId);
      return groups[userId] ?? [];
    },
  });
  return { authorizer, lookups };
}

describe('authorize without any access configuration', () => {
  const { authorizer } = authorizerFor(envPolicy([], []));

  it('lets everyone view', async () => {
    expect(await authorizer.authorize({ userId: 'U0ALICE', channelId: CHANNEL }, 'viewer', 'cluster-list')).toEqual({
      allowed: true,
      role: 'viewer',
    });
  });

  it('refuses a mutation and says how to configure operators', async () => {
    expect(await authorizer.authorize({ userId: 'U0ALICE', channelId: CHANNEL }, 'operator', 'cluster-delete')).toEqual({
      allowed: false,
      role: 'viewer',
      message:
        '`cluster-delete` needs the operator role; you are a viewer. No operators are configured: ' +
        'set KUBE_OPERATORS=U0ALICE (comma-separated Slack user ids) or a policy file (KUBE_POLICY_FILE).',
    });
  });

  it('names KUBE_ADMINS when the admin role is needed', async () => {
    const result = await authorizer.authorize({ userId: 'U0ALICE', channelId: CHANNEL }, 'admin', 'confirm-for-other');
    expect(result.allowed).toEqual(false);
    expect(!result.allowed && result.message).toContain('No admins are configured: set KUBE_ADMINS=U0ALICE');
  });
});

describe('authorize with KUBE_OPERATORS and KUBE_ADMINS', () => {
  const { authorizer } = authorizerFor(envPolicy(['U0OPER'], ['U0ADMIN']));

  it('allows an operator to mutate', async () => {
    expect(await authorizer.authorize({ userId: 'U0OPER', channelId: CHANNEL }, 'operator', 'cluster-resize')).toEqual({
      allowed: true,
      role: 'operator',
    });
  });

  it('tells anyone else which variable grants the role', async () => {
    expect(await authorizer.authorize({ userId: 'U0BOB', channelId: CHANNEL }, 'operator', 'cluster-create')).toEqual({
      allowed: false,
      role: 'viewer',
      message: '`cluster-create` needs the operator role; you are a viewer. Ask an admin to add your user id `U0BOB` to KUBE_OPERATORS.',
    });
  });

  it('throws PermissionError from require, so the worker can re-check in one line', async () => {
    await expect(authorizer.require({ userId: 'U0OPER', channelId: CHANNEL }, 'admin', 'cluster-delete')).rejects.toThrow(PermissionError);
    await expect(authorizer.require({ userId: 'U0ADMIN', channelId: CHANNEL }, 'admin', 'cluster-delete')).resolves.toEqual('admin');
  });
});

describe('authorize with a policy file', () => {
  const policy = filePolicy(`
version: 1
users: { U0ADMIN: admin }
usergroups: { S0ONCALL: operator }
channels:
  C0GENERAL: { role_ceiling: viewer }
`);

  it('grants the role of a user group the user belongs to', async () => {
    const { authorizer, lookups } = authorizerFor(policy, { U0CAROL: ['S0OTHER', 'S0ONCALL'] });
    expect(await authorizer.authorize({ userId: 'U0CAROL', channelId: CHANNEL }, 'operator', 'workload-scale')).toEqual({
      allowed: true,
      role: 'operator',
    });
    expect(lookups).toEqual(['U0CAROL']);
  });

  it('does not look up user groups when the direct grant is enough', async () => {
    const { authorizer, lookups } = authorizerFor(policy);
    await authorizer.authorize({ userId: 'U0ADMIN', channelId: CHANNEL }, 'operator', 'cluster-delete');
    await authorizer.authorize({ userId: 'U0DAVE', channelId: CHANNEL }, 'viewer', 'cluster-list');
    expect(lookups).toEqual([]);
  });

  it('points at the policy file entries that would grant the role', async () => {
    const { authorizer } = authorizerFor(policy);
    const result = await authorizer.authorize({ userId: 'U0DAVE', channelId: CHANNEL }, 'operator', 'cluster-delete');
    expect(result).toEqual({
      allowed: false,
      role: 'viewer',
      message:
        '`cluster-delete` needs the operator role; you are a viewer. Ask an admin to grant it in the policy file (KUBE_POLICY_FILE): ' +
        '`users: { U0DAVE: operator }`, `channels: { C0TEAMA: { users: { U0DAVE: operator } } }` for this channel only, ' +
        'or one of your user groups under `usergroups:`.',
    });
  });

  it('fails closed when the user group lookup fails, and says so', async () => {
    const logger = recordingLogger();
    const authorizer = createAuthorizer({
      policy: { current: () => policy },
      userGroups: async () => {
        throw new Error('ratelimited');
      },
      logger,
    });
    const result = await authorizer.authorize({ userId: 'U0CAROL', channelId: CHANNEL }, 'operator', 'cluster-delete');
    expect(result.allowed).toEqual(false);
    expect(!result.allowed && result.message).toContain('Your Slack user groups could not be checked just now');
    expect(logger.lines.map((l) => l.msg)).toEqual(['user group lookup failed']);
  });

  it('explains a channel ceiling rather than suggesting a grant the user already has', async () => {
    const { authorizer } = authorizerFor(policy);
    expect(await authorizer.authorize({ userId: 'U0ADMIN', channelId: 'C0GENERAL' }, 'operator', 'cluster-delete')).toEqual({
      allowed: false,
      role: 'viewer',
      message:
        '`cluster-delete` needs the operator role; you are a viewer. This channel allows at most the viewer role ' +
        '(policy file: `channels.C0GENERAL.role_ceiling`); run it in another channel.',
    });
  });

  it('reports the full role, user groups included', async () => {
    const { authorizer } = authorizerFor(policy, { U0CAROL: ['S0ONCALL'] });
    expect(await authorizer.roleOf({ userId: 'U0CAROL', channelId: CHANNEL })).toEqual('operator');
    expect(await authorizer.roleOf({ userId: 'U0CAROL', channelId: 'C0GENERAL' })).toEqual('viewer');
  });

  it('follows the policy source, so a reload applies to the next check', async () => {
    let current = policy;
    const authorizer = createAuthorizer({ policy: { current: () => current }, userGroups: async () => [] });
    expect((await authorizer.authorize({ userId: 'U0DAVE', channelId: CHANNEL }, 'operator', 'cluster-delete')).allowed).toEqual(false);
    current = filePolicy('version: 1\nusers: { U0DAVE: operator }\n');
    expect((await authorizer.authorize({ userId: 'U0DAVE', channelId: CHANNEL }, 'operator', 'cluster-delete')).allowed).toEqual(true);
  });

  it('keeps guests at viewer whatever the policy grants', async () => {
    const guests = new Set(['U0ADMIN']);
    const authorizer = createAuthorizer({
      policy: { current: () => policy },
      userGroups: async () => [],
      isGuest: async (id) => guests.has(id),
    });
    expect(await authorizer.authorize({ userId: 'U0ADMIN', channelId: CHANNEL }, 'operator', 'cluster-delete')).toEqual({
      allowed: false,
      role: 'viewer',
      message: '`cluster-delete` needs the operator role; guest accounts can only view.',
    });
    expect(await authorizer.authorize({ userId: 'U0ADMIN', channelId: CHANNEL }, 'viewer', 'cluster-list')).toEqual({
      allowed: true,
      role: 'viewer',
    });
    expect(await authorizer.roleOf({ userId: 'U0ADMIN', channelId: CHANNEL })).toEqual('viewer');
  });

  it('treats a failed guest lookup as a guest', async () => {
    const authorizer = createAuthorizer({
      policy: { current: () => policy },
      userGroups: async () => [],
      isGuest: async () => {
        throw new Error('users.info failed');
      },
    });
    expect((await authorizer.authorize({ userId: 'U0ADMIN', channelId: CHANNEL }, 'operator', 'cluster-delete')).allowed).toEqual(false);
  });
});
