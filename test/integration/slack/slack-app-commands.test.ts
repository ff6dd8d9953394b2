import { BotError } from '../../../src/core/errors.js';
import { sendSlashCommand, type SlackStandIn } from '../../../src/sim/index.js';
import { COMMAND, SECRET, startHarness, type FakeCommands, type Harness } from './slack-app-harness.js';

describe('the /kube command over HTTP', () => {
  let h: Harness;
  let slack: SlackStandIn;
  let botUrl: string;
  let commands: FakeCommands;

  beforeEach(async () => {
    h = await startHarness();
    ({ slack, botUrl, commands } = h);
  });

  afterEach(async () => {
    await h.stop();
  });

  it('acks a signed slash command and hands the request to plan', async () => {
    const response = await sendSlashCommand(botUrl, SECRET, { ...COMMAND, trigger_id: '123.456.abc' });

    expect(response.status).toBe(200);
    expect(commands.requests).toEqual([
      { text: 'cluster list', userId: 'U1ALICE', teamId: 'T0STANDIN', channelId: 'C1OPS', triggerId: '123.456.abc' },
    ]);
  });

  it('answers a reply plan in the ack body, ephemerally', async () => {
    commands.next = () => ({ kind: 'reply', message: { text: 'Usage: /kube cluster list' } });

    const response = await sendSlashCommand(botUrl, SECRET, COMMAND);

    expect(response).toEqual({ status: 200, body: { response_type: 'ephemeral', text: 'Usage: /kube cluster list' } });
  });

  it.each([
    ['a wrong signing secret', { secret: 'not-the-secret' }],
    ['a timestamp older than five minutes', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['a body changed after signing', { tamperBody: (body: string) => body.replace('cluster+list', 'cluster+delete+prod') }],
  ])('rejects %s with 401 before plan runs', async (_name, forge) => {
    const response = await sendSlashCommand(botUrl, SECRET, COMMAND, forge);

    expect(response.status).toBe(401);
    expect(commands.requests).toEqual([]);
  });

  it('acks a run plan empty before running it, then replies through a Slack-issued response_url', async () => {
    let responseArrived: () => void = () => undefined;
    const acked = new Promise<void>((resolve) => (responseArrived = resolve));
    let callsWhenRunStarted: string[] = [];
    const done = new Promise<void>((resolve) => {
      commands.next = () => ({
        kind: 'run',
        run: async (reply) => {
          callsWhenRunStarted = slack.calls.map((c) => c.method);
          // Deadlocks (and times out) unless the HTTP answer went out before run.
          await acked;
          await reply({ text: 'Queued: cluster list' });
          resolve();
        },
      });
    });

    const response = await sendSlashCommand(botUrl, SECRET, { ...COMMAND, response_url: slack.responseUrl('C1OPS', 'U1ALICE') });
    responseArrived();
    await done;

    expect(response).toEqual({ status: 200, body: '' });
    expect(callsWhenRunStarted).toEqual(['auth.test']);
    expect(slack.ephemerals('C1OPS').map((e) => [e.user, e.text, e.via])).toEqual([['U1ALICE', 'Queued: cluster list', 'response_url']]);
  });

  it('replies with chat.postEphemeral when the response_url is not on a Slack host', async () => {
    commands.next = () => ({ kind: 'run', run: (reply) => reply({ text: 'Queued' }) });

    await sendSlashCommand(botUrl, SECRET, { ...COMMAND, response_url: 'http://169.254.169.254/latest/meta-data' });
    const [ephemeral] = await slack.waitFor(() => slack.ephemerals('C1OPS').length > 0 && slack.ephemerals('C1OPS'));

    expect(ephemeral).toMatchObject({ user: 'U1ALICE', text: 'Queued', via: 'chat.postEphemeral' });
    expect(slack.callsTo('response_url')).toEqual([]);
  });

  it('tells the user a BotError thrown by run, in its own words', async () => {
    commands.next = () => ({
      kind: 'run',
      run: async () => {
        throw new BotError('permission_denied', 'You may not delete clusters in this channel.');
      },
    });

    await sendSlashCommand(botUrl, SECRET, COMMAND);
    const texts = await slack.waitFor(() => slack.ephemerals('C1OPS').length > 0 && slack.ephemerals('C1OPS').map((e) => e.text));

    expect(texts).toEqual(['You may not delete clusters in this channel.']);
  });

  it('answers an unexpected error with a generic text and a correlation id', async () => {
    commands.next = () => ({
      kind: 'run',
      run: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });

    await sendSlashCommand(botUrl, SECRET, COMMAND);
    const [text] = await slack.waitFor(() => slack.ephemerals('C1OPS').length > 0 && slack.ephemerals('C1OPS').map((e) => e.text));

    expect(text).toMatch(/^Something went wrong on the bot’s side \(ref [0-9a-f]{8}\)/);
    expect(text).not.toContain('undefined');
  });

  it('calls auth.test once at start, not per request', async () => {
    await sendSlashCommand(botUrl, SECRET, COMMAND);
    await sendSlashCommand(botUrl, SECRET, COMMAND);

    expect(slack.callsTo('auth.test')).toHaveLength(1);
  });
});
