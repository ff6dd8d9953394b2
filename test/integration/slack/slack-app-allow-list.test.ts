import { createLogger } from '../../../src/logging/logger.js';
import { blockActionPayload, sendSigned, sendSlashCommand, sendViewSubmission } from '../../../src/sim/index.js';
import { REFUSED_TEXT } from '../../../src/slack/team-allow-list.js';
import { COMMAND, SECRET, startHarness, type Harness } from './slack-app-harness.js';

/** The stand-in's own workspace (its auth.test team_id) is T0STANDIN; T0PARTNER is a Slack Connect partner. */
const PARTNER = 'T0PARTNER';

describe('the workspace allow-list (SLACK_ALLOWED_TEAMS)', () => {
  let h: Harness;
  let lines: string[];
  afterEach(async () => {
    await h.stop();
  });

  async function start(allowedTeams?: string[]): Promise<void> {
    lines = [];
    h = await startHarness({ allowedTeams, logger: createLogger('info', { write: (line: string) => lines.push(line) }) });
  }

  const refusals = () =>
    lines.map((line) => JSON.parse(line) as { msg: string; teams?: string[]; user?: string }).filter((l) => l.msg.includes('not allowed'));

  it('serves its own workspace and refuses another one with a text only the sender sees, planning nothing', async () => {
    await start();

    const own = await sendSlashCommand(h.botUrl, SECRET, COMMAND);
    const other = await sendSlashCommand(h.botUrl, SECRET, { ...COMMAND, user_id: 'U9EVE', team_id: PARTNER });

    expect(own.status).toBe(200);
    expect(h.commands.requests.map((r) => r.teamId)).toEqual(['T0STANDIN']);
    expect([other.status, other.body]).toEqual([200, { response_type: 'ephemeral', text: REFUSED_TEXT }]);
    expect(refusals()).toEqual([expect.objectContaining({ teams: [PARTNER], user: 'U9EVE' })]);
  });

  it('serves a workspace once it is listed', async () => {
    await start([PARTNER]);

    const other = await sendSlashCommand(h.botUrl, SECRET, { ...COMMAND, user_id: 'U9EVE', team_id: PARTNER });

    expect(other.status).toBe(200);
    expect(h.commands.requests.map((r) => [r.userId, r.teamId])).toEqual([['U9EVE', PARTNER]]);
    expect(refusals()).toEqual([]);
  });

  it('refuses a button click by an external member of a shared channel, and tells them through the response_url', async () => {
    await start();
    const payload = blockActionPayload({
      action_id: 'confirm-delete',
      value: 'token',
      user_id: 'U9EVE',
      team_id: 'T0STANDIN',
      channel_id: 'C1OPS',
      message_ts: '1.2',
      response_url: h.slack.responseUrl('C1OPS', 'U9EVE'),
    }) as { user: { team_id: string } };
    // The channel lives in the bot's workspace; the person clicking belongs to the partner's.
    payload.user.team_id = PARTNER;

    const click = await sendSigned(h.botUrl, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

    expect(click.status).toBe(200);
    const told = await h.slack.waitFor(() => h.slack.ephemerals('C1OPS').find((e) => e.user === 'U9EVE'));
    expect(told.text).toBe(REFUSED_TEXT);
    expect(h.interactions.actions).toEqual([]);
    expect(refusals()).toEqual([expect.objectContaining({ teams: ['T0STANDIN', PARTNER], user: 'U9EVE' })]);
  });

  it('turns a modal submitted from another workspace into the refusal, without handling it', async () => {
    await start();

    const submitted = await sendViewSubmission(h.botUrl, SECRET, {
      callback_id: 'create-cluster',
      user_id: 'U9EVE',
      team_id: PARTNER,
      values: {},
    });

    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ response_action: 'update', view: { blocks: [{ text: { text: REFUSED_TEXT } }] } });
    expect(h.interactions.submissions).toEqual([]);
  });
});
