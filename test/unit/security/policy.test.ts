import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../src/core/errors.js';
import {
  channelBinding,
  envPolicy,
  kubeconfigClusterAllowed,
  parsePolicy,
  resolveRole,
  type Policy,
} from '../../../src/security/policy.js';

const FILE = '/etc/kube-chatops/policy.yaml';

function parseOk(text: string): Policy {
  const result = parsePolicy(text, FILE);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.policy;
}

const POLICY = `
version: 1
defaults: { role: viewer, cloud: prod, project: platform }
users: { U0ADMIN: admin, U0OPER: operator }
usergroups: { S0ONCALL: operator }
channels:
  C0TEAMA: { cloud: prod, project: team-a, usergroups: { S0TEAMA: operator } }
  C0SANDBOX: { cloud: dev, role_floor: operator }
  C0GENERAL: { role_ceiling: viewer }
`;

describe('parsePolicy', () => {
  it('accepts the example policy shipped in deploy/', () => {
    const text = readFileSync(new URL('../../../deploy/policy.example.yaml', import.meta.url), 'utf8');
    const policy = parseOk(text);
    expect(policy.origin).toEqual('file');
    expect(policy.users.get('U012ABCDEF')).toEqual('admin');
    expect(policy.usergroups.get('S056MNOPQR')).toEqual('operator');
    expect(channelBinding(policy, 'C078STUVWX')).toEqual({ cloud: 'catalyst-nz-por', project: 'team-a' });
  });

  it('fills defaults for a minimal policy', () => {
    const policy = parseOk('version: 1\n');
    expect(policy.defaults).toEqual({ role: 'viewer' });
    expect(policy.users.size).toEqual(0);
    expect(resolveRole(policy, { userId: 'U1AB', userGroups: [] })).toEqual('viewer');
  });

  it('lists every problem with the file, the key path and the reason', () => {
    const text = `
version: 2
defaults: { role: root }
users: { '@alice': admin, U0BOB: superuser }
usergroup: { S0X: operator }
channels:
  '#general': { role_ceiling: viewer }
  C0TEAM: { cloud: nowhere, colour: blue }
clouds: [prod]
`;
    const result = parsePolicy(text, FILE);
    expect(result.ok).toEqual(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        `${FILE}: version: must be 1`,
        `${FILE}: defaults.role: must be one of viewer, operator, admin`,
        `${FILE}: users.@alice: invalid key: must be a Slack user id (U... or W...), not a name`,
        `${FILE}: users.U0BOB: must be one of viewer, operator, admin`,
        `${FILE}: (top level): Unrecognized key: "usergroup"`,
        `${FILE}: channels.#general: invalid key: must be a Slack channel id (C... or G...), not a name`,
        `${FILE}: channels.C0TEAM: Unrecognized key: "colour"`,
      ]),
    );
    expect(result.problems).toHaveLength(7);
  });

  it('checks channel clouds against the clouds list', () => {
    const result = parsePolicy('version: 1\nchannels: { C0TEAM: { cloud: nowhere } }\nclouds: [prod]\n', FILE);
    expect(result).toEqual({ ok: false, problems: [`${FILE}: channels.C0TEAM.cloud: cloud "nowhere" is not listed under clouds`] });
  });

  it('reports YAML syntax errors with line and column', () => {
    const result = parsePolicy('version: 1\nusers: { U0A: admin\n', FILE);
    expect(result.ok).toEqual(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatch(/^\/etc\/kube-chatops\/policy\.yaml:\d+:\d+: /);
  });

  it('refuses a user listed twice instead of picking one entry', () => {
    const result = parsePolicy('version: 1\nusers:\n  U0A: viewer\n  U0A: admin\n', FILE);
    expect(result).toEqual({ ok: false, problems: [`${FILE}:4:3: Map keys must be unique`] });
  });

  it('refuses an empty file', () => {
    expect(parsePolicy('', FILE).ok).toEqual(false);
  });
});

describe('resolveRole', () => {
  const policy = parseOk(POLICY);

  it.each([
    ['a user with no entry', 'U0NOBODY', [], undefined, 'viewer'],
    ['a listed admin', 'U0ADMIN', [], undefined, 'admin'],
    ['a member of an operator user group', 'U0NOBODY', ['S0ONCALL'], undefined, 'operator'],
    ['a member of a group granted in another channel', 'U0NOBODY', ['S0TEAMA'], 'C0SANDBOX2', 'viewer'],
    ['a member of a group granted in this channel', 'U0NOBODY', ['S0TEAMA'], 'C0TEAMA', 'operator'],
    ['anyone in a channel with an operator floor', 'U0NOBODY', [], 'C0SANDBOX', 'operator'],
    ['an admin in a channel capped at viewer', 'U0ADMIN', [], 'C0GENERAL', 'viewer'],
  ] as const)('gives %s the right role', (_label, userId, userGroups, channelId, expected) => {
    expect(resolveRole(policy, { userId, userGroups, channelId })).toEqual(expected);
  });
});

describe('channelBinding', () => {
  const policy = parseOk(POLICY);

  it('uses the channel entry, without mixing in the default project', () => {
    expect(channelBinding(policy, 'C0TEAMA')).toEqual({ cloud: 'prod', project: 'team-a' });
    expect(channelBinding(policy, 'C0SANDBOX')).toEqual({ cloud: 'dev' });
  });

  it('falls back to the defaults for unlisted channels and channels without a binding', () => {
    expect(channelBinding(policy, 'C0ELSEWHERE')).toEqual({ cloud: 'prod', project: 'platform' });
    expect(channelBinding(policy, 'C0GENERAL')).toEqual({ cloud: 'prod', project: 'platform' });
  });
});

describe('kubeconfigClusterAllowed', () => {
  const policy = parseOk(`version: 1
clouds: [prod, dev]
kubeconfig_clusters:
  kolla: { channels: [C0TEAMA] }
  murano: { clouds: [dev] }
`);

  it('lets the listed channels and the channels of the listed clouds use a kubeconfig cluster, and no other', () => {
    expect(kubeconfigClusterAllowed(policy, 'C0TEAMA', 'prod', 'kolla')).toBe(true);
    expect(kubeconfigClusterAllowed(policy, 'C0OTHER', 'prod', 'kolla')).toBe(false);
    expect(kubeconfigClusterAllowed(policy, 'C0OTHER', 'dev', 'murano')).toBe(true);
    expect(kubeconfigClusterAllowed(policy, 'C0TEAMA', 'prod', 'murano')).toBe(false);
    expect(kubeconfigClusterAllowed(policy, 'C0TEAMA', 'prod', 'unlisted')).toBe(false);
  });

  it('lets every channel use them without a policy file (every channel then works on the one cloud)', () => {
    expect(kubeconfigClusterAllowed(envPolicy(['U0OPER'], []), 'C0ANY', 'default', 'kolla')).toBe(true);
  });

  it('checks their clouds against the clouds list and refuses unknown keys', () => {
    const result = parsePolicy('version: 1\nclouds: [prod]\nkubeconfig_clusters: { kolla: { clouds: [nowhere], channel: [C0A] } }\n', FILE);
    expect(result).toEqual({
      ok: false,
      problems: [
        `${FILE}: kubeconfig_clusters.kolla: Unrecognized key: "channel"`,
        `${FILE}: kubeconfig_clusters.kolla.clouds.0: cloud "nowhere" is not listed under clouds`,
      ],
    });
  });
});

describe('envPolicy', () => {
  it('grants KUBE_OPERATORS and KUBE_ADMINS, everyone else a viewer', () => {
    const policy = envPolicy(['U0OPER', 'U0BOTH'], ['U0ADMIN', 'U0BOTH']);
    expect(policy.origin).toEqual('env');
    expect(resolveRole(policy, { userId: 'U0OPER', userGroups: [] })).toEqual('operator');
    expect(resolveRole(policy, { userId: 'U0ADMIN', userGroups: [] })).toEqual('admin');
    expect(resolveRole(policy, { userId: 'U0BOTH', userGroups: [] })).toEqual('admin');
    expect(resolveRole(policy, { userId: 'U0OTHER', userGroups: [] })).toEqual('viewer');
  });

  it('marks a policy with nobody granted as unconfigured', () => {
    expect(envPolicy([], []).origin).toEqual('none');
  });

  it('rejects names where user ids belong', () => {
    let caught: unknown;
    try {
      envPolicy(['alice'], ['@bob']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'KUBE_OPERATORS: "alice" is not a Slack user id (U... or W...)',
      'KUBE_ADMINS: "@bob" is not a Slack user id (U... or W...)',
    ]);
  });
});
