import { createRedisAuditLog } from '../../../src/queue/redis-audit-log.js';
import { auditRecord, type AuditRecord } from '../../../src/core/audit.js';
import { fakeClock, recordingLogger } from '../../unit/security/fakes.js';
import { redisKit } from './redis-kit.js';

const base = { actor: 'U0ALICE', channelId: 'C0TEAMA', action: 'cluster-delete', target: 'dev-a', decision: 'requested' } as const;

describe('redis audit log', () => {
  const kit = redisKit();
  afterAll(() => kit.cleanup());

  async function seeded() {
    const prefix = `${kit.prefix}:${Math.random().toString(36).slice(2)}`;
    const logger = recordingLogger();
    const log = createRedisAuditLog(kit.redis, prefix, logger);
    const clock = fakeClock();
    const write = async (fields: Partial<AuditRecord>) => {
      clock.advance(1000);
      await log.write(auditRecord(clock, { ...base, ...fields }));
    };
    await write({ target: 'one', threadTs: '1.1', jobId: 'j1' });
    await write({ target: 'two', channelId: 'C0OTHER' });
    await write({ target: 'three', threadTs: '1.1', decision: 'confirmed', jobId: 'j1', cloud: 'prod' });
    await write({ target: 'four', threadTs: '2.2', decision: 'denied', outcome: 'needs the operator role' });
    return { log, logger, prefix };
  }

  it('reads back every field of a record', async () => {
    const { log } = await seeded();
    const [newest] = await log.recent({ channelId: 'C0TEAMA', threadTs: '1.1', limit: 1 });
    expect(newest).toEqual({
      at: '2026-11-21T12:00:03.000Z',
      ...base,
      target: 'three',
      threadTs: '1.1',
      decision: 'confirmed',
      jobId: 'j1',
      cloud: 'prod',
    });
  });

  it('answers a channel newest first', async () => {
    const { log } = await seeded();
    expect((await log.recent({ channelId: 'C0TEAMA', limit: 10 })).map((r) => r.target)).toEqual(['four', 'three', 'one']);
  });

  it('answers a thread of a channel', async () => {
    const { log } = await seeded();
    expect((await log.recent({ channelId: 'C0TEAMA', threadTs: '1.1', limit: 10 })).map((r) => r.target)).toEqual(['three', 'one']);
  });

  it('answers across channels, up to the limit', async () => {
    const { log } = await seeded();
    expect((await log.recent({ limit: 3 })).map((r) => r.target)).toEqual(['four', 'three', 'two']);
    expect(await log.recent({ channelId: 'C0NONE', limit: 3 })).toEqual([]);
  });

  it('pages through more entries than one read returns', async () => {
    const prefix = `${kit.prefix}:paging`;
    const log = createRedisAuditLog(kit.redis, prefix, recordingLogger());
    const clock = fakeClock();
    for (let i = 0; i < 450; i += 1) {
      await log.write(auditRecord(clock, { ...base, target: `c${i}`, threadTs: i === 5 ? 'old.thread' : 'busy.thread' }));
    }
    expect((await log.recent({ channelId: 'C0TEAMA', threadTs: 'old.thread', limit: 5 })).map((r) => r.target)).toEqual(['c5']);
  });

  it('logs every record with the static message audit', async () => {
    const { logger } = await seeded();
    expect(logger.lines.map((l) => l.msg)).toEqual(['audit', 'audit', 'audit', 'audit']);
    expect(logger.lines[3]?.meta).toEqual({ audit: expect.objectContaining({ target: 'four', decision: 'denied' }) });
  });

  it('caps the stream length', async () => {
    const prefix = `${kit.prefix}:capped`;
    const log = createRedisAuditLog(kit.redis, prefix, recordingLogger(), { maxLen: 10, channelMaxLen: 10 });
    const clock = fakeClock();
    for (let i = 0; i < 300; i += 1) await log.write(auditRecord(clock, { ...base, target: `c${i}` }));
    // MAXLEN ~ trims whole radix-tree nodes (100 entries by default), so the length stays near the cap, not at it.
    expect(await kit.redis.xlen(`${prefix}:audit`)).toBeLessThan(300);
    expect((await log.recent({ limit: 1 }))[0]?.target).toEqual('c299');
  });

  it('skips entries it cannot read', async () => {
    const { log, prefix } = await seeded();
    await kit.redis.xadd(`${prefix}:audit:channel:C0TEAMA`, '*', 'r', '{"not":"a record"}');
    expect((await log.recent({ channelId: 'C0TEAMA', limit: 10 })).map((r) => r.target)).toEqual(['four', 'three', 'one']);
  });

  it('writes a record once per idempotency key: a retried job does not record its decision twice', async () => {
    const prefix = `${kit.prefix}:once`;
    const logger = recordingLogger();
    const log = createRedisAuditLog(kit.redis, prefix, logger);
    const clock = fakeClock();
    const failed = auditRecord(clock, { ...base, decision: 'failed', jobId: 'create:dev-a', outcome: 'no flavor' });
    await log.write(failed, 'create:dev-a@1/audit/failed');
    clock.advance(30_000);
    await log.write({ ...failed, at: new Date(clock.now()).toISOString() }, 'create:dev-a@1/audit/failed');
    await log.write(failed, 'create:dev-a@2/audit/failed');
    await log.write(failed);

    expect((await log.recent({ channelId: 'C0TEAMA', limit: 10 })).map((r) => r.at)).toEqual([
      '2026-11-21T12:00:00.000Z',
      '2026-11-21T12:00:00.000Z',
      '2026-11-21T12:00:00.000Z',
    ]);
    expect(logger.lines.map((l) => l.msg)).toEqual(['audit', 'audit record already written by an earlier attempt', 'audit', 'audit']);
  });

  it('refuses a record that is not one', async () => {
    const log = createRedisAuditLog(kit.redis, `${kit.prefix}:bad`, recordingLogger());
    await expect(log.write({ ...base, at: 'now', decision: 'exploded' } as unknown as AuditRecord)).rejects.toThrow();
  });
});
