/**
 * Cold start of the web role: from spawning `node dist/src/bin/kube-chatops.js start` with
 * ROLE=web to the first 200 from /readyz (Slack's auth.test answered by the stand-in, Redis
 * ready), against node importing what the `start` command imports with ROLE=web and exiting (the
 * floor: the web role's imports alone: config, logger, the composition root and under it Bolt, BullMQ,
 * ioredis, zod, pino, prom-client; the worker role's modules, client-node and the OpenStack
 * clients among them, are imported only when the role runs). Alternating rounds; prints
 * medians, the ratio (target at most 1.3x) and the spread of the rounds' own ratios.
 * Runs the compiled JavaScript: `npm run build` (or `npm ci`) first.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSlackStandIn } from '../src/sim/index.js';
import { median, ratioLine } from './stats.js';
import { targetLine } from './targets.js';

const ROUNDS = 7;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'src', 'bin', 'kube-chatops.js');
if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`);
const redisUrl = process.argv[2] ?? 'redis://127.0.0.1:6379';
const slack = await startSlackStandIn();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawns the web role and resolves with the ms until /readyz answered 200. */
async function webRole(): Promise<number> {
  const port = await freePort();
  const env = {
    PATH: process.env['PATH'] ?? '',
    ROLE: 'web',
    PORT: String(port),
    METRICS_PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: randomBytes(8).toString('hex'),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench-cold-${randomBytes(4).toString('hex')}`,
    OS_AUTH_URL: 'http://127.0.0.1:9/v3',
    OS_APPLICATION_CREDENTIAL_ID: 'bench',
    OS_APPLICATION_CREDENTIAL_SECRET: 'bench',
  };
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'start'], { env, stdio: 'ignore' });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`the web role exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  }
}

/**
 * The floor: node importing what `kube-chatops start` imports with ROLE=web, then exiting: the
 * start command's module and the web role's (start-bot imports it when the role needs it, so it
 * is not among the start command's static imports; Bolt comes with it).
 */
const WEB_ROLE_MODULES = [join(root, 'dist', 'src', 'bin', 'start.js'), join(root, 'dist', 'src', 'main', 'start-web.js')];
async function importsOnly(): Promise<number> {
  const code = WEB_ROLE_MODULES.map((module) => `await import(${JSON.stringify(module)});`).join(' ');
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'ignore' });
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (status !== 0) throw new Error(`imports exited with ${status}`);
  return performance.now() - started;
}

const ours: number[] = [];
const floor: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  floor.push(await importsOnly());
  ours.push(await webRole());
}
console.log(ratioLine('cold start to /readyz, ROLE=web', median(ours), median(floor), 'ms'));
const ratios = ours.map((o, i) => o / (floor[i] ?? Number.NaN)).sort((a, b) => a - b);
console.log(`${''.padEnd(34)} rounds' ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
console.log(targetLine('cold start to /readyz, ROLE=web, ratio', median(ours) / median(floor), { atMost: 1.3 }));
await slack.close();
