/**
 * The floor of bench/request-to-thread.ts: the parts the bot is made of, bare, on the same
 * simulated cloud, Slack stand-in and Redis. A Bolt app with the same receiver (HTTPReceiver)
 * whose handler enqueues one BullMQ job and acks; a BullMQ Worker (defaults) whose processor
 * makes one undici GET of the same Magnum cluster list with the same Keystone token header,
 * JSON.parse, and one undici POST of chat.postMessage to the stand-in. No replay guard, router,
 * zod, render, outbox, WebClient or worker hooks: what is left is the cost of the parts the issue
 * mandates (Bolt, BullMQ, HTTP to Magnum and Slack), which no version of the bot can go under.
 */
import { randomBytes } from 'node:crypto';
import bolt from '@slack/bolt';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { sendSlashCommand, type Sim, type SlackStandIn } from '../src/sim/index.js';
import type { BotWorld } from './bot-world.js';

/** Driven as the bench drives the bot (bot-world.ts): a command, its channel's messages, settled. */
export type BareParts = Pick<BotWorld, 'command' | 'messages' | 'settled' | 'stop'>;

/** Closes a bench's own worker and queue, deletes its keys, and disconnects the connections it was given (BullMQ leaves those open). */
export async function closeBareQueue(worker: Worker, queue: Queue, connections: Redis[]): Promise<void> {
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  for (const connection of connections) connection.disconnect();
}

interface Token {
  id: string;
  magnum: string;
}

/** A project-scoped password token from the simulated Keystone, and Magnum's public endpoint in its catalog. */
async function keystoneToken(sim: Sim): Promise<Token> {
  const env = sim.osEnv;
  const domain = { name: 'Default' };
  const auth = {
    identity: { methods: ['password'], password: { user: { name: env.OS_USERNAME, domain, password: env.OS_PASSWORD } } },
    scope: { project: { name: env.OS_PROJECT_NAME, domain } },
  };
  const response = await request(`${sim.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth }),
  });
  const body = (await response.body.json()) as {
    token: { catalog: { type: string; endpoints: { interface: string; url: string }[] }[] };
  };
  const magnum = body.token.catalog.find((entry) => entry.type === 'container-infra')?.endpoints.find((e) => e.interface === 'public');
  const id = response.headers['x-subject-token'];
  if (typeof id !== 'string' || magnum === undefined) throw new Error('no token or no Magnum endpoint from the simulated Keystone');
  return { id, magnum: magnum.url };
}

export async function startBareParts(redisUrl: string, sim: Sim, slack: SlackStandIn): Promise<BareParts> {
  const token = await keystoneToken(sim);
  const secret = randomBytes(16).toString('hex');
  const prefix = `bench-parts-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('jobs', { connection, prefix });
  const worker = new Worker(
    'jobs',
    async (job) => {
      const data = job.data as { channel: string; user: string };
      const list = await request(`${token.magnum}/clusters/detail`, {
        headers: { accept: 'application/json', 'x-auth-token': token.id, 'openstack-api-version': 'container-infra latest' },
      });
      const { clusters } = JSON.parse(await list.body.text()) as { clusters: unknown[] };
      const post = await request(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ channel: data.channel, text: `<@${data.user}> ${clusters.length} clusters` }),
      });
      const answer = (await post.body.json()) as { ok: boolean; error?: string };
      if (!answer.ok) throw new Error(`chat.postMessage: ${answer.error ?? 'not ok'}`);
    },
    { connection: workerConnection, prefix },
  );
  const completed = new Map<string, () => void>();
  worker.on('completed', (job) => {
    completed.get(job.id ?? '')?.();
    completed.delete(job.id ?? '');
  });

  const receiver = new bolt.HTTPReceiver({ signingSecret: secret, endpoints: '/slack/events', processBeforeResponse: false });
  const app = new bolt.App({ receiver, token: slack.botToken, botId: 'B1', botUserId: 'U1', tokenVerificationEnabled: false });
  app.command('/kube', async ({ ack, command }) => {
    await queue.add('cluster-list', { channel: command.channel_id, user: command.user_id }, { jobId: command.channel_id });
    await ack();
  });
  const server = (await app.start(0)) as { address(): { port: number } };
  const url = `http://127.0.0.1:${server.address().port}/slack/events`;

  let channels = 0;
  let last: Promise<void> = Promise.resolve();
  return {
    async command(text) {
      channels += 1;
      const channel = `C${String(channels).padStart(6, '0')}PARTS`;
      slack.addChannel({ id: channel, name: `parts-${channels}` });
      last = new Promise<void>((resolve) => completed.set(channel, resolve));
      const response = await sendSlashCommand(url, secret, { text, user_id: 'U1PARTS', channel_id: channel, team_id: slack.teamId });
      if (response.status !== 200) throw new Error(`the bare Bolt app answered ${response.status}`);
      return channel;
    },
    messages: (channel) => slack.messages(channel),
    // The last job completed (after its post): its tail runs outside the next sample, as the bot's does.
    settled: () => last,
    async stop() {
      await app.stop();
      await closeBareQueue(worker, queue, [connection, workerConnection]);
    },
  };
}
