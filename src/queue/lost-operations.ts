import type { Redis } from 'ioredis';
import type { Logger } from '../core/ports.js';
import { trackedClouds } from './operation-store.js';
import { askEpoch, epochFrom } from './redis-epoch.js';
import { replyAt } from './reply-at.js';

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
  /** Told about the operations whose tracking Redis lost with its data (each told by one process only). */
  onLost(ops: readonly TrackedOperationRef[]): Promise<void>;
  /**
   * Whether an operation that left the tracked set is still being ended (its finish job not yet
   * run): the job lives in the same Redis, so until it has run the operation is watched on.
   */
  stillInHand?(id: string): Promise<boolean>;
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
 *
 * A round costs two round trips whatever the number of operations: the clouds, then the marker
 * with every cloud's operation ids (HKEYS, in one MULTI so both come from the same Redis). Only
 * an id not seen before has its record read (HMGET), once; the poller reads the records anyway.
 */
export function createLostOperationWatch(options: LostOperationWatchOptions): { check(): Promise<void>; close(): void } {
  const { client, prefix } = options;
  const opsKey = (cloud: string) => `${prefix}:ops:${cloud}`;
  let known: { epoch: string; ops: Map<string, TrackedOperationRef> } | undefined;
  let running = false;

  /** The marker, and the ids of the operations tracked under it by cloud. */
  async function readIds(): Promise<{ epoch: string; ids: Array<[string, string[]]> }> {
    const clouds = await trackedClouds(client, prefix);
    const tx = askEpoch(client.multi(), prefix);
    for (const cloud of clouds) tx.hkeys(opsKey(cloud));
    const replies = await tx.exec();
    const epoch = epochFrom(replies);
    return { epoch, ids: clouds.map((cloud, i) => [cloud, replyAt(replies, i + 2) as string[]]) };
  }

  /** The operations by id: the ones known already, and the new ones read (one HMGET per cloud, pipelined). */
  async function refsOf(ids: Array<[string, string[]]>): Promise<Map<string, TrackedOperationRef>> {
    const ops = new Map<string, TrackedOperationRef>();
    const unseen: Array<[string, string[]]> = [];
    for (const [cloud, cloudIds] of ids) {
      const fresh = cloudIds.filter((id) => {
        const ref = known?.ops.get(id);
        if (ref !== undefined) ops.set(id, ref);
        return ref === undefined;
      });
      if (fresh.length > 0) unseen.push([cloud, fresh]);
    }
    if (unseen.length === 0) return ops;
    const pipeline = client.pipeline();
    for (const [cloud, fresh] of unseen) pipeline.hmget(opsKey(cloud), ...fresh);
    const replies = await pipeline.exec();
    unseen.forEach((_, i) => {
      for (const raw of replyAt(replies, i) as Array<string | null>) {
        const ref = raw === null ? null : toRef(raw);
        if (ref !== null) ops.set(ref.id, ref);
      }
    });
    return ops;
  }

  /** Adds to `ops` the ones that left the tracked set since the last round but are still being ended. */
  async function keepInHand(before: Map<string, TrackedOperationRef>, ops: Map<string, TrackedOperationRef>): Promise<void> {
    const stillInHand = options.stillInHand;
    if (stillInHand === undefined) return;
    const departed = [...before.values()].filter((op) => !ops.has(op.id));
    const inHand = await Promise.all(departed.map((op) => stillInHand(op.id)));
    departed.forEach((op, i) => {
      if (inHand[i] === true) ops.set(op.id, op);
    });
  }

  /** The operations this process is the one to tell about (SET NX per operation, pipelined). */
  async function claim(lost: TrackedOperationRef[]): Promise<TrackedOperationRef[]> {
    if (lost.length === 0) return [];
    const pipeline = client.pipeline();
    for (const op of lost) pipeline.set(`${prefix}:ops-lost:${op.id}`, '1', 'EX', CLAIM_SECONDS, 'NX');
    const replies = await pipeline.exec();
    return lost.filter((_, i) => replies?.[i]?.[0] === null && replies[i]?.[1] === 'OK');
  }

  async function check(): Promise<void> {
    if (running) return;
    running = true;
    try {
      const { epoch, ids } = await readIds();
      const ops = await refsOf(ids);
      if (known?.epoch === epoch) await keepInHand(known.ops, ops);
      const gone = known !== undefined && known.epoch !== epoch ? [...known.ops.values()].filter((op) => !ops.has(op.id)) : [];
      const lost = await claim(gone);
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
