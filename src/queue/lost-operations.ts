import type { Redis } from 'ioredis';
import type { Logger } from '../core/ports.js';
import type { LostJobWatchOptions } from './lost-jobs.js';
import { trackedClouds } from './operation-store.js';

/** A tracked create, delete, resize or upgrade, as far as telling its thread goes. */
export interface TrackedOperationRef {
  id: string;
  kind: string;
  cluster: string;
  channel: string;
  threadTs: string;
}

export interface LostOperationWatchOptions {
  client: Redis;
  prefix: string;
  epoch: LostJobWatchOptions['epoch'];
  /** Told about the operations whose tracking Redis lost with its data (each told by one process only). */
  onLost(ops: readonly TrackedOperationRef[]): Promise<void>;
  logger: Logger;
  /** How often it looks (default 5 s). */
  intervalMs?: number;
}

/** How long the claim to tell about one lost operation lives (long enough for every worker to see it). */
const CLAIM_SECONDS = 24 * 3600;

function toRef(raw: string): TrackedOperationRef | null {
  try {
    const r = JSON.parse(raw) as Partial<Record<keyof TrackedOperationRef, unknown>>;
    const { id, kind, cluster, channel, threadTs } = r;
    if (typeof id !== 'string' || typeof kind !== 'string' || typeof cluster !== 'string') return null;
    if (typeof channel !== 'string' || typeof threadTs !== 'string') return null;
    return { id, kind, cluster, channel, threadTs };
  } catch {
    return null;
  }
}

/**
 * Notices tracked operations that a Redis restarted without persistence lost: each worker keeps
 * (in memory) the operations it last saw with the marker Redis held then; when the marker has
 * changed, the operations no longer tracked were lost with the data, not finished. One process
 * claims each (SET NX) and `onLost` tells its thread that the bot stopped following it.
 */
export function createLostOperationWatch(options: LostOperationWatchOptions): { check(): Promise<void>; close(): void } {
  const { client, prefix } = options;
  let known: { epoch: string; ops: Map<string, TrackedOperationRef> } | undefined;
  let running = false;

  async function readAll(): Promise<Map<string, TrackedOperationRef>> {
    const ops = new Map<string, TrackedOperationRef>();
    for (const cloud of await trackedClouds(client, prefix)) {
      for (const raw of await client.hvals(`${prefix}:ops:${cloud}`)) {
        const ref = toRef(raw);
        if (ref !== null) ops.set(ref.id, ref);
      }
    }
    return ops;
  }

  async function check(): Promise<void> {
    if (running) return;
    running = true;
    try {
      const epoch = await options.epoch.current();
      const ops = await readAll();
      const lost: TrackedOperationRef[] = [];
      if (known !== undefined && known.epoch !== epoch) {
        for (const [id, op] of known.ops) {
          if (ops.has(id)) continue;
          const claimed = await client.set(`${prefix}:ops-lost:${id}`, '1', 'EX', CLAIM_SECONDS, 'NX');
          if (claimed === 'OK') lost.push(op);
        }
      }
      known = { epoch, ops };
      if (lost.length > 0) {
        options.logger.warn({ lost: lost.length }, 'tracked operations lost with Redis data (restarted without persistence)');
        await options.onLost(lost);
      }
    } catch (error) {
      options.logger.debug({ err: error }, 'lost-operation check skipped');
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void check(), options.intervalMs ?? 5_000);
  timer.unref();
  return { check, close: () => clearInterval(timer) };
}
