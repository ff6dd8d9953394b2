/**
 * The foundation path end to end: a signed `/kube` request through Bolt, the queue (real
 * Redis) and a worker, against the simulated cloud, into a thread of the Slack stand-in.
 */
import { createServer } from 'node:net';
import { DEMO_CHANNEL, DEMO_OPERATOR, DEMO_TEAM, startDemoWorld, type DemoWorld } from '../../../src/bin/demo-world.js';
import { ensureRedis } from '../../../src/bin/ensure-redis.js';
import { renderClusterShow } from '../../../src/render/cluster-show-table.js';
import { sendSlashCommand } from '../../../src/sim/index.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('foundation: /kube list and /kube show through the queue into a thread', () => {
  let world: DemoWorld;

  beforeAll(async () => {
    world = await startDemoWorld({ redisUrl: REDIS_URL, logLevel: 'silent', speed: 0 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('acks /kube list at once and posts the cluster list as a new message', async () => {
    const before = world.slack.messages(DEMO_CHANNEL).length;

    const ack = await world.say('list');
    const root = await world.slack.waitFor(() => world.slack.messages(DEMO_CHANNEL)[before], 20_000);

    expect(ack.status).toBe(200);
    // One cluster per seeded scenario, however many scenarios the simulator has.
    expect(root.text).toContain(`${world.sim.state.clusters.length} clusters`);
    expect(world.sim.state.clusters.length).toBeGreaterThanOrEqual(18);
    for (const name of ['healthy', 'create-failed', 'slow-create', 'lb-blocks-delete']) expect(root.text).toContain(name);
  });

  it('starts a thread for /kube show with the summary, the ticket button and the CLI-identical dump', async () => {
    const before = world.slack.messages(DEMO_CHANNEL).length;

    await world.say('show healthy');
    const root = await world.slack.waitFor(() => world.slack.messages(DEMO_CHANNEL)[before], 20_000);
    const thread = await world.slack.waitFor(() => {
      const t = world.slack.thread(DEMO_CHANNEL, root.ts);
      return t.some((m) => m.files.length > 0) ? t : undefined;
    }, 20_000);

    expect(root.text).toBe('Cluster healthy is CREATE_COMPLETE (Magnum health HEALTHY)');
    expect(JSON.stringify(root.blocks)).toContain('"action_id":"ticket-attach"');
    const dump = thread.flatMap((m) => m.files)[0];
    expect(dump?.filename).toBe('coe-cluster-show-healthy.txt');
    const lines = dump?.content.split('\n') ?? [];
    expect(lines[0]).toMatch(/^\+-+\+-+\+$/);
    expect(lines.filter((l) => l.startsWith('| ')).map((l) => l.split('|')[1]?.trim())).toContain('discovery_url');
    expect(dump?.content).toContain('[redacted]');
    expect(dump?.content).not.toMatch(/etcd-discovery\/[0-9a-f]{8}/);
    expect(lines).toHaveLength(renderClusterShow({}).split('\n').length);
  });

  it('refuses a replayed request with 401: the same signed bytes again start nothing', async () => {
    const roots = world.slack.messages(DEMO_CHANNEL).length;
    const command = {
      text: 'show healthy',
      user_id: DEMO_OPERATOR,
      channel_id: DEMO_CHANNEL,
      team_id: DEMO_TEAM,
      trigger_id: '1795000000.42.replay',
    };
    const timestamp = Math.floor(Date.now() / 1000);

    expect((await sendSlashCommand(world.botUrl, world.signingSecret, command, { timestamp })).status).toBe(200);
    await world.slack.waitFor(() => world.slack.messages(DEMO_CHANNEL)[roots], 20_000);
    const replayed = await sendSlashCommand(world.botUrl, world.signingSecret, command, { timestamp });
    await world.say('list');
    await world.slack.waitFor(() => world.slack.messages(DEMO_CHANNEL)[roots + 1], 20_000);

    expect(replayed.status).toBe(401);
    expect(
      world.slack
        .messages(DEMO_CHANNEL)
        .slice(roots)
        .map((m) => m.text.split('\n')[0]),
    ).toEqual([expect.stringMatching(/healthy/), expect.stringMatching(/clusters|Clusters/)]);
  });

  it('tells only the requester when the cluster does not exist', async () => {
    const before = world.slack.ephemerals(DEMO_CHANNEL).length;
    const roots = world.slack.messages(DEMO_CHANNEL).length;

    await world.say('show nope');
    const reply = await world.slack.waitFor(() => world.slack.ephemerals(DEMO_CHANNEL)[before], 20_000);

    expect(reply.user).toBe(DEMO_OPERATOR);
    expect(reply.text).toMatch(/nope/);
    expect(world.slack.messages(DEMO_CHANNEL)).toHaveLength(roots);
  });

  it.each([
    ['a missing cluster name', 'show', /cluster name is missing/i],
    ['an invalid cluster name', 'show 9lives', /not a valid cluster name/],
    ['an extra argument', 'list everything', /Unexpected argument `everything`/],
    ['an unknown option', 'list --all', /Unknown option `--all`/],
    ['an unknown subcommand, with a suggestion', 'shwo healthy', /Unknown subcommand `shwo`\. Did you mean `show`\?/],
  ])('answers %s in the ack, ephemerally, and queues nothing', async (_case, text, message) => {
    const roots = world.slack.messages(DEMO_CHANNEL).length;

    const ack = await world.say(text);

    expect(ack.status).toBe(200);
    const body = ack.body as { response_type?: string; text: string };
    expect(body.response_type ?? 'ephemeral').toBe('ephemeral');
    expect(body.text).toMatch(message);
    expect(world.slack.messages(DEMO_CHANNEL)).toHaveLength(roots);
  });

  it('answers /kube help with every subcommand', async () => {
    const ack = await world.say('help');

    const body = ack.body as { text: string };
    expect(body.text).toContain('/kube list');
    expect(body.text).toContain('/kube show NAME');
  });

  it.each([
    ['a forged signature', { secret: 'not-the-secret' }],
    ['a timestamp older than five minutes', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
    ['a tampered body', { tamperBody: (body: string) => body.replace('list', 'show%20healthy') }],
  ])('rejects %s with 401 and enqueues nothing', async (_case, forge) => {
    const roots = world.slack.messages(DEMO_CHANNEL).length;
    const ephemerals = world.slack.ephemerals(DEMO_CHANNEL).length;

    const response = await sendSlashCommand(
      world.botUrl,
      world.signingSecret,
      { text: 'list', user_id: DEMO_OPERATOR, channel_id: DEMO_CHANNEL, team_id: DEMO_TEAM, trigger_id: `forged.${Math.random()}` },
      forge,
    );
    // Give a wrongly accepted request time to reach the queue and the thread.
    await world.say('help');

    expect(response.status).toBe(401);
    expect(world.slack.messages(DEMO_CHANNEL)).toHaveLength(roots);
    expect(world.slack.ephemerals(DEMO_CHANNEL)).toHaveLength(ephemerals);
  });
});

describe('foundation: Redis down', () => {
  it('acks /kube list, tells the user the request cannot be queued, and keeps serving', async () => {
    const redis = await ensureRedis(`redis://127.0.0.1:${await freePort()}`);
    const world = await startDemoWorld({ redisUrl: redis.url, logLevel: 'silent', speed: 0 });
    try {
      await redis.stop();
      const before = world.slack.ephemerals(DEMO_CHANNEL).length;

      const ack = await world.say('list');
      const reply = await world.slack.waitFor(() => world.slack.ephemerals(DEMO_CHANNEL)[before], 20_000);
      const health = await fetch(world.botUrl.replace('/slack/events', '/healthz'));
      const ready = await fetch(world.botUrl.replace('/slack/events', '/readyz'));

      expect(ack.status).toBe(200);
      expect(reply.text).toMatch(/Cannot queue the request right now, try again/);
      expect(health.status).toBe(200);
      expect(ready.status).toBe(503);
    } finally {
      await world.stop();
    }
  });
});
