import { createLogger, createSilentLogger } from '../../../src/logging/logger.js';
import { createSlackApp } from '../../../src/slack/create-slack-app.js';
import { sendSlashCommand, startSlackStandIn } from '../../../src/sim/index.js';
import { COMMAND, FakeCommands, FakeInteractions, SECRET, startHarness } from './slack-app-harness.js';

describe('the Slack app process', () => {
  it('serves /healthz, /readyz and /metrics', async () => {
    const h = await startHarness();

    const health = await fetch(`${h.botUrl}/healthz`);
    const readyWhenReady = await fetch(`${h.botUrl}/readyz`);
    h.setReady(false);
    const readyWhenNot = await fetch(`${h.botUrl}/readyz`);
    const metrics = await fetch(`${h.botUrl}/metrics`);
    const metricsText = await metrics.text();
    await h.stop();

    expect([health.status, readyWhenReady.status, readyWhenNot.status, metrics.status]).toEqual([200, 200, 503, 200]);
    expect(metricsText).toBe('kube_chatops_up 1\n');
  });

  it('calls nothing at Slack until start', async () => {
    const slack = await startSlackStandIn();
    await createSlackApp({
      config: { signingSecret: SECRET, botToken: slack.botToken, apiUrl: slack.apiUrl },
      port: 0,
      logger: createSilentLogger(),
      commands: new FakeCommands(),
      interactions: new FakeInteractions(),
      readiness: async () => true,
    });
    const calls = [...slack.calls];
    await slack.close();

    expect(calls).toEqual([]);
  });

  it('builds in Socket Mode without calling Slack', async () => {
    const slack = await startSlackStandIn();
    const app = await createSlackApp({
      config: { signingSecret: SECRET, botToken: slack.botToken, appToken: 'xapp-1-A0-1-stand-in', apiUrl: slack.apiUrl },
      port: 0,
      logger: createSilentLogger(),
      commands: new FakeCommands(),
      interactions: new FakeInteractions(),
      readiness: async () => true,
    });
    const calls = [...slack.calls];
    await app.stop();
    await slack.close();

    expect(calls).toEqual([]);
  });

  it('stops listening on stop', async () => {
    const h = await startHarness();
    const readyWhenRunning = (await fetch(`${h.botUrl}/readyz`)).status;
    await h.stop();

    expect(readyWhenRunning).toBe(200);
    await expect(fetch(`${h.botUrl}/readyz`)).rejects.toThrow();
  });

  it('lets acked commands finish before stop resolves', async () => {
    const h = await startHarness();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finished = false;
    h.commands.next = () => ({
      kind: 'run',
      run: async (reply) => {
        started();
        await gate;
        await reply({ text: 'queued' });
        finished = true;
      },
    });
    await sendSlashCommand(h.botUrl, SECRET, COMMAND);
    await running;

    const stopped = h.app.stop().then(() => finished);
    release();
    const finishedWhenStopped = await stopped;
    await h.slack.close();

    expect(finishedWhenStopped).toBe(true);
  });

  it('never logs the bot token, the signing secret or a response_url', async () => {
    const lines: string[] = [];
    const h = await startHarness({ logger: createLogger('debug', { write: (line: string) => lines.push(line) }) });
    h.commands.next = () => ({
      kind: 'run',
      run: async (reply) => {
        await reply({ text: 'first' });
        throw new Error('boom');
      },
    });
    const responseUrl = h.slack.responseUrl('C1OPS', 'U1ALICE');

    await sendSlashCommand(h.botUrl, SECRET, { ...COMMAND, response_url: responseUrl });
    await h.slack.waitFor(() => h.slack.ephemerals('C1OPS').length === 2);
    const token = h.slack.botToken;
    await h.stop();

    const log = lines.join('');
    expect(log).toContain('request failed unexpectedly');
    expect([log.includes(token), log.includes(SECRET), log.includes(responseUrl)]).toEqual([false, false, false]);
  });

  it('fails start with a slack error when the bot token is refused', async () => {
    const slack = await startSlackStandIn();
    const app = await createSlackApp({
      config: { signingSecret: SECRET, botToken: 'xoxb-wrong', apiUrl: slack.apiUrl },
      port: 0,
      logger: createSilentLogger(),
      commands: new FakeCommands(),
      interactions: new FakeInteractions(),
      readiness: async () => true,
    });

    await expect(app.start()).rejects.toMatchObject({ code: 'slack_refused', upstreamCode: 'invalid_auth', service: 'slack' });
    await slack.close();
  });
});
