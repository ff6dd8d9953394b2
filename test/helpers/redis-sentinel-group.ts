/**
 * A Redis Sentinel group on loopback for tests: a primary, a replica and three Sentinels
 * (Debian's redis-server and redis-sentinel; .ci/run installs them), each a child process on a
 * free port, in a temporary directory removed on stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const MASTER_NAME = 'kube-chatops-test';

export interface SentinelGroup {
  /** host:port of each Sentinel, as REDIS_SENTINELS takes them. */
  sentinels: string[];
  /** The port of the current primary, as the Sentinels report it. */
  primaryPort(): Promise<number>;
  /** SENTINEL FAILOVER, then waits until the Sentinels name the other server as primary and it accepts writes. */
  failover(): Promise<{ from: number; to: number }>;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it gives a value (errors count as not yet); gives up at once when `fatal` names an error. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  fatal: () => Error | undefined = () => undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const failed = fatal();
    if (failed !== undefined) throw failed;
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last instanceof Error ? ` (${last.message})` : ''}`);
}

/** One short-lived command to a server on loopback. */
export async function ask(port: number, ...args: string[]): Promise<unknown> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return await client.call(args[0] as string, ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

/** SIGKILLs each child still running and waits for its exit. */
async function killAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/**
 * Starts the primary, the replica (in sync) and three Sentinels that agree on the primary. When
 * one cannot start (redis-sentinel not installed, say), it stops those already running and
 * rejects: a server left running would keep jest's worker from exiting.
 */
export async function startSentinelGroup(): Promise<SentinelGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'kube-chatops-sentinel-'));
  const children: ChildProcess[] = [];
  try {
    return await startIn(dir, children);
  } catch (error) {
    await killAll(children);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dir: string, children: ChildProcess[]): Promise<SentinelGroup> {
  let spawnFailure: Error | undefined;
  const failed = () => spawnFailure;
  const run = (binary: string, args: string[]) => {
    const child = spawn(binary, args, { cwd: dir, stdio: 'ignore' });
    child.on('error', (error) => {
      spawnFailure ??= new Error(`cannot start ${binary} (apt-get install redis-server redis-sentinel): ${error.message}`);
    });
    children.push(child);
  };
  const server = (port: number, extra: string[] = []) =>
    run('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra]);

  const primary = await freePort();
  const replica = await freePort();
  server(primary);
  server(replica, ['--replicaof', '127.0.0.1', String(primary)]);
  await until(
    'replica in sync',
    async () => (/master_link_status:up/.test(String(await ask(replica, 'INFO', 'replication'))) ? true : undefined),
    30_000,
    failed,
  );

  const sentinelPorts = [await freePort(), await freePort(), await freePort()];
  for (const port of sentinelPorts) {
    const file = join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${primary} 2`,
        `sentinel down-after-milliseconds ${MASTER_NAME} 1000`,
        `sentinel failover-timeout ${MASTER_NAME} 10000`,
        `sentinel parallel-syncs ${MASTER_NAME} 1`,
        '',
      ].join('\n'),
    );
    run('redis-sentinel', [file]);
  }

  const primaryPort = async (): Promise<number> => {
    const reply = (await ask(sentinelPorts[0] as number, 'SENTINEL', 'get-master-addr-by-name', MASTER_NAME)) as [string, string];
    return Number(reply[1]);
  };
  // Every Sentinel knows the replica and its peers before a failover is asked for.
  for (const port of sentinelPorts) {
    await until(
      `sentinel ${port} ready`,
      async () => {
        const replicas = (await ask(port, 'SENTINEL', 'replicas', MASTER_NAME)) as unknown[];
        const peers = (await ask(port, 'SENTINEL', 'sentinels', MASTER_NAME)) as unknown[];
        return replicas.length === 1 && peers.length === 2 ? true : undefined;
      },
      30_000,
      failed,
    );
  }

  return {
    sentinels: sentinelPorts.map((port) => `127.0.0.1:${port}`),
    primaryPort,
    async failover() {
      const from = await primaryPort();
      await until('SENTINEL FAILOVER accepted', async () =>
        (await ask(sentinelPorts[0] as number, 'SENTINEL', 'FAILOVER', MASTER_NAME)) === 'OK' ? true : undefined,
      );
      const to = await until('a new primary', async () => {
        const now = await primaryPort();
        if (now === from) return undefined;
        const role = String(await ask(now, 'INFO', 'replication'));
        return /role:master/.test(role) ? now : undefined;
      });
      return { from, to };
    },
    async stop() {
      await killAll(children);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
