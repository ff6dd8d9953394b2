import { auditRecord, type AuditRecord } from '../../../src/core/audit.js';
import { createMemoryAuditLog } from '../../helpers/memory-audit-log.js';
import { fakeClock } from './fakes.js';

const base = { actor: 'U0ALICE', channelId: 'C0TEAMA', action: 'cluster-delete', target: 'dev-a' } as const;

describe('auditRecord', () => {
  it('stamps the clock time as ISO and keeps the fields', () => {
    const clock = fakeClock(Date.UTC(2026, 10, 21, 13, 0, 0));
    expect(auditRecord(clock, { ...base, decision: 'requested', jobId: 'job1' })).toEqual({
      at: '2026-11-21T13:00:00.000Z',
      ...base,
      decision: 'requested',
      jobId: 'job1',
    });
  });

  it('cuts long outcomes', () => {
    const record = auditRecord(fakeClock(), { ...base, decision: 'failed', outcome: 'x'.repeat(2000) });
    expect(record.outcome).toHaveLength(500);
  });
});

describe('memory audit log', () => {
  it('answers newest first, filtered by channel and thread, up to the limit', async () => {
    const clock = fakeClock();
    const log = createMemoryAuditLog();
    const write = async (fields: Partial<AuditRecord>) => log.write(auditRecord(clock, { ...base, decision: 'requested', ...fields }));
    await write({ target: 'one', threadTs: '1.1' });
    await write({ target: 'two', channelId: 'C0OTHER' });
    await write({ target: 'three', threadTs: '1.1', decision: 'confirmed' });
    await write({ target: 'four', threadTs: '2.2' });
    expect((await log.recent({ channelId: 'C0TEAMA', limit: 10 })).map((r) => r.target)).toEqual(['four', 'three', 'one']);
    expect((await log.recent({ channelId: 'C0TEAMA', threadTs: '1.1', limit: 10 })).map((r) => r.target)).toEqual(['three', 'one']);
    expect((await log.recent({ limit: 2 })).map((r) => r.target)).toEqual(['four', 'three']);
  });

  it('keeps only the newest records', async () => {
    const log = createMemoryAuditLog(2);
    for (const target of ['a', 'b', 'c']) await log.write(auditRecord(fakeClock(), { ...base, target, decision: 'started' }));
    expect((await log.recent({ limit: 10 })).map((r) => r.target)).toEqual(['c', 'b']);
  });
});
