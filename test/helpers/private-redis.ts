/**
 * A redis-server of a test's own on a free loopback port (Debian's redis-server; .ci/run
 * installs it), so the test can kill and restart it: with append-only persistence (every write
 * synced) or with none, in a temporary directory removed on stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis-sentinel-group.js';

export interface PrivateRedis {
  url: string;
  /** SIGKILL: a crash, nothing flushed beyond what persistence already wrote. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (if it is not running), and waits until it answers. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(options: { appendOnly: boolean }): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'kube-chatops-redis-'));
  const port = await freePort();
  const persistence = options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  let child: ChildProcess | null = null;
  const start = async () => {
    if (child) return;
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...persistence], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child = proc;
    // Ready when it says so on its log (no client polling it, which would outlive the test).
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (!output.includes('Ready to accept connections')) return;
        proc.stdout.off('data', onData);
        proc.stdout.resume();
        resolve();
      };
      proc.stdout.on('data', onData);
      proc.once('error', (error) => reject(new Error(`cannot start redis-server (apt-get install redis-server): ${error.message}`)));
      proc.once('exit', (code) => reject(new Error(`redis-server exited with ${String(code)}: ${output}`)));
    });
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
