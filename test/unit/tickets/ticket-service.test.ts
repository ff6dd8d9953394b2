import { threadHistory } from '../../../src/tickets/ticket-service.js';
import type { Logger } from '../../../src/core/ports.js';
import type { AuditRecord } from '../../../src/core/audit.js';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

describe('thread history for the ticket bundle', () => {
  it('merges audit records and the queue jobs of the thread, oldest first, without duplicates', async () => {
    const records: AuditRecord[] = [
      {
        at: '2026-11-21T12:05:00.000Z',
        actor: 'U1',
        channelId: 'C1',
        threadTs: '1.1',
        action: 'cluster-delete',
        target: 'dev-a',
        decision: 'failed',
        outcome: 'DELETE_FAILED',
        jobId: 'j-del',
      },
      {
        at: '2026-11-21T12:01:00.000Z',
        actor: 'U1',
        channelId: 'C1',
        threadTs: '1.1',
        action: 'cluster-delete',
        target: 'dev-a',
        decision: 'confirmed',
        jobId: 'j-del',
      },
    ];
    const jobs = [
      {
        id: 'j-del',
        name: 'cluster-delete',
        state: 'failed',
        data: { channel: 'C1', threadTs: '1.1', user: 'U1' },
        timestamp: Date.parse('2026-11-21T12:01:00Z'),
      },
      {
        id: 'j-diag',
        name: 'cluster-diagnose',
        state: 'completed',
        data: { channel: 'C1', threadTs: '1.1', user: 'U2', cluster: 'dev-a' },
        timestamp: Date.parse('2026-11-21T12:06:00Z'),
      },
      { id: 'j-other', name: 'cluster-diagnose', state: 'completed', data: { channel: 'C1', threadTs: '9.9', user: 'U2' }, timestamp: 0 },
    ];

    const history = await threadHistory(
      { audit: { write: async () => undefined, recent: async () => records }, jobs: async () => jobs, logger: silent },
      'C1',
      '1.1',
    );

    expect(history).toEqual([
      { at: '2026-11-21T12:01:00.000Z', actor: 'U1', action: 'cluster-delete dev-a', decision: 'confirmed' },
      { at: '2026-11-21T12:05:00.000Z', actor: 'U1', action: 'cluster-delete dev-a', decision: 'failed', outcome: 'DELETE_FAILED' },
      { at: '2026-11-21T12:06:00.000Z', actor: 'U2', action: 'cluster-diagnose dev-a', decision: 'requested', outcome: 'completed' },
    ]);
  });

  it('gives an empty history when the sources fail', async () => {
    const history = await threadHistory({ jobs: () => Promise.reject(new Error('redis down')), logger: silent }, 'C1', '1.1');

    expect(history).toEqual([]);
  });
});
