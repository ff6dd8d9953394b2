import { createSilentLogger } from '../../../src/logging/logger.js';
import { createSlackDirectory } from '../../../src/slack/slack-directory.js';
import { startSlackStandIn, type SlackStandIn } from '../../../src/sim/index.js';

describe('the Slack directory against the stand-in', () => {
  let slack: SlackStandIn;

  beforeEach(async () => {
    slack = await startSlackStandIn({
      users: [
        { id: 'U1ALICE', name: 'alice' },
        { id: 'U2GUEST', name: 'guest', isRestricted: true },
        { id: 'U3SOLO', name: 'solo', isUltraRestricted: true },
      ],
      usergroups: { S1OPS: ['U1ALICE', 'U2GUEST'], S2ADMINS: ['U1ALICE'], S3DEV: ['U2GUEST'] },
    });
  });

  afterEach(async () => {
    await slack.close();
  });

  function directory(groups: readonly string[]) {
    return createSlackDirectory(
      { slack: { signingSecret: 's', botToken: slack.botToken, apiUrl: slack.apiUrl }, logger: createSilentLogger() },
      { groups: () => groups },
    );
  }

  it("finds the policy's groups a user is in", async () => {
    expect(await directory(['S1OPS', 'S2ADMINS']).userGroups('U1ALICE')).toEqual(['S1OPS', 'S2ADMINS']);
    expect(await directory(['S1OPS', 'S2ADMINS']).userGroups('U2GUEST')).toEqual(['S1OPS']);
  });

  it('asks Slack once per group within the cache time', async () => {
    const dir = directory(['S1OPS']);

    await dir.userGroups('U1ALICE');
    await dir.userGroups('U2GUEST');

    expect(slack.callsTo('usergroups.users.list')).toHaveLength(1);
  });

  it('treats a workspace without user groups as nobody in them', async () => {
    slack.failNext('usergroups.users.list', { error: 'plan_upgrade_required' });

    expect(await directory(['S1OPS']).userGroups('U1ALICE')).toEqual([]);
  });

  it('throws a slack UpstreamError when the lookup fails, so callers fail closed', async () => {
    slack.failNext('usergroups.users.list', { error: 'missing_scope' });

    await expect(directory(['S1OPS']).userGroups('U1ALICE')).rejects.toMatchObject({
      code: 'slack_refused',
      upstreamCode: 'missing_scope',
      service: 'slack',
    });
  });

  it('tells guests from members', async () => {
    const dir = directory([]);

    expect([await dir.isGuest('U1ALICE'), await dir.isGuest('U2GUEST'), await dir.isGuest('U3SOLO')]).toEqual([false, true, true]);
  });
});
