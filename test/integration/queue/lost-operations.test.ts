/**
 * The workers' watch for tracked operations that a Redis restarted without persistence lost, on
 * a redis-server of the test's own (its traffic is this test's only): what a round costs once the
 * operations are known, and who is told when they are gone.
 */
import { createLostOperationWatch, type TrackedOperationRef } from '../../../src/queue/lost-operations.js';
import { createOperationStore } from '../../../src/queue/operation-store.js';
import { ask } from '../../helpers/redis-sentinel-group.js';
import { eventually, privateRedisForSuite, silentLogger } from './queue-test-kit.js';

const PREFIX = 'lost-ops-test';
const OPS = 20;
/** A record as large as a tracked operation with its Cluster API progress can get. */
const PADDING = 'x'.repeat(20_000);

async function bytesSent(url: string): Promise<number> {
  const stats = String(await ask(Number(new URL(url).port), 'INFO', 'stats'));
  return Number(/^total_net_output_bytes:(\d+)/m.exec(stats)?.[1]);
}

describe('the lost-operation watch', () => {
  const { redis, producer } = privateRedisForSuite();

  const watch = (told: string[][]) =>
    createLostOperationWatch({
      client: producer().client,
      prefix: PREFIX,
      onLost: async (ops: readonly TrackedOperationRef[]) => void told.push(ops.map((op) => op.id).sort()),
      logger: silentLogger,
      intervalMs: 60_000,
    });

  it('reads each operation once: later rounds read ids, not records; after a restart without data each thread is told once', async () => {
    const store = createOperationStore(producer().client, PREFIX);
    const ids = Array.from({ length: OPS }, (_, i) => `op-${String(i).padStart(2, '0')}`);
    for (const id of ids) {
      await store.put('default', id, { id, kind: 'create', cluster: id, channel: 'C1', threadTs: '1.000100', padding: PADDING });
    }
    const toldA: string[][] = [];
    const toldB: string[][] = [];
    const [a, b] = [watch(toldA), watch(toldB)];
    await a.check();
    await b.check();

    const before = await bytesSent(redis().url);
    for (let round = 0; round < 3; round += 1) await a.check();
    // Three rounds over 20 records of 20 kB: the ids and the marker only (the INFO answer included).
    expect((await bytesSent(redis().url)) - before).toBeLessThan(PADDING.length);

    await redis().kill();
    await redis().start();
    await eventually(async () => {
      await Promise.all([a.check(), b.check()]);
      return toldA.length + toldB.length > 0;
    });
    await a.check();
    await b.check();
    a.close();
    b.close();

    expect([...toldA, ...toldB]).toEqual([ids]);
  });

  it('tells about an ended operation whose finish job Redis lost with its data, and not about one already finished', async () => {
    const store = createOperationStore(producer().client, `${PREFIX}-ending`);
    for (const id of ['ending', 'finished'])
      await store.put('default', id, { id, kind: 'delete', cluster: id, channel: 'C1', threadTs: '1.000200' });
    const told: string[][] = [];
    const w = createLostOperationWatch({
      client: producer().client,
      prefix: `${PREFIX}-ending`,
      // The poll handed both to their finish jobs; only the one for `ending` has not run yet.
      stillInHand: async (id) => id === 'ending',
      onLost: async (ops) => void told.push(ops.map((op) => op.id)),
      logger: silentLogger,
      intervalMs: 60_000,
    });
    await w.check();
    for (const id of ['ending', 'finished']) await store.remove('default', id);
    await w.check();

    await redis().kill();
    await redis().start();
    await eventually(async () => {
      await w.check();
      return told.length > 0;
    });
    w.close();

    expect(told).toEqual([['ending']]);
  });
});
