/**
 * Finding 2 of issue 10: the thread's attach lock, on the real Redis. A worker killed mid-attach
 * left the lock for 300 s, and the job's own retries gave up as "already being attached". Now
 * the lock is the job's (its id): a retry of that job takes it again, another job is still
 * refused, and a lock nobody renews (the killed worker) is gone within its short TTL.
 */
import { jest } from '@jest/globals';
import { createRedisTicketKv } from '../../../src/queue/ticket-kv.js';
import { attachTicket } from '../../../src/tickets/attach-ticket.js';
import { buildBundle } from '../../../src/tickets/bundle.js';
import { createKvTicketStore } from '../../../src/tickets/kv-ticket-store.js';
import { ticketThreadKey, type SinkContext, type TicketBundle, type TicketRef, type TicketSink } from '../../../src/tickets/types.js';
import { redisKit } from '../security/redis-kit.js';
import { bundleInput } from '../../unit/tickets/bundle-fixtures.js';
import { fixedClock, RecordingLogger, RecordingSlack } from '../../unit/tickets/fakes.js';

jest.setTimeout(60_000);

const CHANNEL = 'C01OPS';
const THREAD = '1700000000.000100';
const bundle = buildBundle(bundleInput());

/** A sink that takes `delayMs` to open ticket 1. */
class SlowSink implements TicketSink {
  readonly name = 'zendesk' as const;
  readonly sent: SinkContext[] = [];
  constructor(private readonly delayMs = 0) {}
  async send(_bundle: TicketBundle, ctx: SinkContext): Promise<TicketRef> {
    this.sent.push(ctx);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return { sink: 'zendesk', id: '1', display: 'Zendesk #1' };
  }
}

describe('the ticket attach lock on Redis', () => {
  const kit = redisKit();
  afterAll(() => kit.cleanup());

  function setup(sink: TicketSink, lockTtlMs?: number) {
    const store = createKvTicketStore(createRedisTicketKv(kit.redis, `${kit.prefix}:`), `tickets-${Math.random().toString(36).slice(2)}`);
    const deps = {
      sink,
      slack: new RecordingSlack(),
      store,
      logger: new RecordingLogger(),
      clock: fixedClock,
      ...(lockTtlMs ? { lockTtlMs } : {}),
    };
    return { store, run: (owner: string) => attachTicket(deps, { channel: CHANNEL, threadTs: THREAD, bundle, owner }) };
  }

  it("lets a retry of the killed worker's job through the lock it left; another job is refused", async () => {
    const sink = new SlowSink();
    const { store, run } = setup(sink);
    // The worker running job-1 took the lock and was killed: nothing released it.
    expect(await store.tryLock(ticketThreadKey(CHANNEL, THREAD), 300_000, 'job-1')).toBe(true);

    await expect(run('job-2')).rejects.toMatchObject({ code: 'ticket_attach_busy' });
    const retried = await run('job-1');

    expect(retried.ref?.display).toBe('Zendesk #1');
    expect(sink.sent).toHaveLength(1);
    expect(await store.tryLock(ticketThreadKey(CHANNEL, THREAD), 1_000, 'job-3')).toBe(true);
  });

  it('keeps the lock while a slow attach runs (renewed), and a lock nobody renews expires within its short TTL', async () => {
    const sink = new SlowSink(1_200);
    const { store, run } = setup(sink, 300);
    const key = ticketThreadKey(CHANNEL, THREAD);

    const slow = run('job-1');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await store.tryLock(key, 300, 'job-2')).toBe(false);
    await slow;

    expect(await store.tryLock(key, 300, 'job-killed')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await store.tryLock(key, 300, 'job-4')).toBe(true);
  });
});
