import { createSilentLogger } from '../../../src/logging/logger.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/create-slack-app.js';
import { startSlackStandIn, type SlackStandIn } from '../../../src/sim/index.js';
import { COMMAND, FakeCommands, FakeInteractions, SECRET } from './slack-app-harness.js';

describe('the Slack app in Socket Mode', () => {
  let slack: SlackStandIn;
  let app: SlackApp;
  let port: number;
  let commands: FakeCommands;
  let interactions: FakeInteractions;

  beforeEach(async () => {
    slack = await startSlackStandIn();
    commands = new FakeCommands();
    interactions = new FakeInteractions();
    app = await createSlackApp({
      config: { signingSecret: SECRET, botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl },
      port: 0,
      logger: createSilentLogger(),
      commands,
      interactions,
      readiness: async () => true,
    });
    ({ port } = await app.start());
  });

  afterEach(async () => {
    await app.stop();
    await slack.close();
  });

  it('connects with the app token and serves the probes on its own port', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);

    expect([slack.socketConnected(), health.status, ready.status]).toEqual([true, 200, 200]);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it("acks a slash command over the socket with the reply plan's message", async () => {
    commands.next = () => ({ kind: 'reply', message: { text: 'Usage: /kube cluster list' } });

    const ack = await slack.socketSlashCommand({ ...COMMAND, trigger_id: '9.9.9' });

    expect(ack).toEqual({ response_type: 'ephemeral', text: 'Usage: /kube cluster list' });
    expect(commands.requests).toEqual([
      { text: 'cluster list', userId: 'U1ALICE', teamId: 'T0STANDIN', channelId: 'C1OPS', triggerId: '9.9.9' },
    ]);
  });

  it('returns view submission errors over the socket', async () => {
    interactions.errors = { name_block: 'Taken.' };

    const ack = await slack.socketViewSubmission({
      callback_id: 'cluster_create',
      user_id: 'U1ALICE',
      team_id: 'T0STANDIN',
      values: { name_block: { name: 'prod' } },
    });

    expect(ack).toEqual({ response_action: 'errors', errors: { name_block: 'Taken.' } });
  });
});
