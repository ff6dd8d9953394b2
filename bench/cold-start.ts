/**
 * Cold start of the web role: from spawning `node dist/src/bin/kube-chatops.js start` with
 * ROLE=web to the first 200 from /readyz (Slack's auth.test answered by the stand-in, Redis
 * ready), against node loading the same modules the web role loads and exiting (the floor:
 * the imports alone). Alternating rounds; prints medians and the ratio (target at most 1.3x).
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

const ROUNDS = 5;
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

/** The floor: node importing what the web role imports (its composition root and Bolt, BullMQ, ioredis, zod), then exiting. */
async function importsOnly(): Promise<number> {
  const modules = ['src/main/start-bot.js', 'src/main/start-web.js', 'src/main/build-ports.js'].map((m) => join(root, 'dist', m));
  const code = `${modules.map((m) => `await import(${JSON.stringify(m)});`).join('')}`;
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
await slack.close();
