import type { AuditRecord } from '../../../src/core/audit.js';
import { summarizeAuditJobs } from '../../../src/security/audit-jobs.js';

function record(at: string, fields: Partial<AuditRecord>): AuditRecord {
  return { at, actor: 'U0ALICE', channelId: 'C0A', action: 'cluster-delete', target: 'dev-a', decision: 'requested', ...fields };
}

describe('summarizeAuditJobs', () => {
  it('shows each job once with its newest state and who asked', () => {
    const newestFirst = [
      record('t5', { jobId: 'j2', action: 'cluster-create', target: 'new-b', decision: 'started', actor: 'U0BOB' }),
      record('t4', { jobId: 'j1', decision: 'failed', outcome: 'subnet in use', threadTs: '1.1' }),
      record('t3', { jobId: 'j1', decision: 'started' }),
      record('t2', { jobId: 'j1', decision: 'confirmed', actor: 'U0ADMIN' }),
      record('t1', { jobId: 'j1', decision: 'requested' }),
      record('t0', { decision: 'denied', actor: 'U0EVE' }),
    ];
    expect(summarizeAuditJobs(newestFirst)).toEqual([
      { jobId: 'j2', action: 'cluster-create', target: 'new-b', requester: 'U0BOB', state: 'started', at: 't5' },
      {
        jobId: 'j1',
        action: 'cluster-delete',
        target: 'dev-a',
        requester: 'U0ALICE',
        state: 'failed',
        at: 't4',
        requestedAt: 't1',
        outcome: 'subnet in use',
        threadTs: '1.1',
      },
    ]);
  });

  it('falls back to the oldest actor seen when the request is out of range', () => {
    const newestFirst = [
      record('t3', { jobId: 'j1', decision: 'finished' }),
      record('t2', { jobId: 'j1', decision: 'confirmed', actor: 'U0ADMIN' }),
    ];
    expect(summarizeAuditJobs(newestFirst)[0]?.requester).toEqual('U0ADMIN');
  });
});
