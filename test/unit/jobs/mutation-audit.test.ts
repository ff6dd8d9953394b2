import { runMutation } from '../../../jobs/mutation.js';
import { BotError } from '../../../src/core/errors.js';
import { fakeJobContext } from '../../helpers/job-deps.js';
import { createMemoryAuditLog } from '../../helpers/memory-audit-log.js';
import { recordingLogger } from '../security/fakes.js';

const origin = { teamId: 'T0TEAM', user: 'U0ALICE', channel: 'C0TEAMA', cloud: 'nz-hlz-1', threadTs: '1.1' };
const allowed = { authorize: async () => ({ allowed: true as const, role: 'operator' as const }) };

describe('runMutation audits each decision once per run of a job', () => {
  async function failingRun(audit: ReturnType<typeof createMemoryAuditLog>, enqueuedAt: number) {
    const ctx = fakeJobContext({ audit, access: allowed as never }, recordingLogger(), { jobId: 'create:delta', enqueuedAt });
    const refusal = new BotError('bad_request', 'There is no flavor `c1.c2r5`.');
    await expect(runMutation(ctx, { action: 'cluster-create', target: 'delta', origin }, () => Promise.reject(refusal))).rejects.toBe(
      refusal,
    );
  }

  it('records one failure when a stalled or killed attempt runs the same job again', async () => {
    const audit = createMemoryAuditLog();
    await failingRun(audit, 1_000);
    await failingRun(audit, 1_000);
    expect(audit.records.map((r) => r.decision)).toEqual(['failed']);
  });

  it('records the failure of a new run of the same job id (enqueued again later)', async () => {
    const audit = createMemoryAuditLog();
    await failingRun(audit, 1_000);
    await failingRun(audit, 2_000);
    expect(audit.records.map((r) => [r.decision, r.jobId])).toEqual([
      ['failed', 'create:delta'],
      ['failed', 'create:delta'],
    ]);
  });
});
