import { SCALE_ACTIONS } from '../../../src/core/requests/scale-request.js';
import { workloadScale } from '../../../jobs/workload-scale.js';
import { NotFoundError } from '../../../src/core/errors.js';
import type { KubeApi } from '../../../src/core/ports.js';
import type { CollectionProblem } from '../../../src/core/snapshot.js';
import { createMemoryAuditLog } from '../../helpers/memory-audit-log.js';
import { createConfirmation } from '../../../src/security/confirmation.js';
import { createMemorySingleUse } from '../../helpers/memory-single-use.js';
import { aKubeState, aPod, aWorkload } from '../../helpers/snapshot-builders.js';
import { fakeKubeApi } from '../collect/fakes.js';
import { ORIGIN, jobKit, run } from './job-kit.js';

const API = { ...ORIGIN, cluster: 'dev-a', namespace: 'web', kind: 'Deployment', name: 'api' };

const state = aKubeState({
  workloads: [
    aWorkload({ namespace: 'web', name: 'api', desired: 3, ready: 2 }),
    aWorkload({ kind: 'ReplicaSet', namespace: 'web', name: 'api-7d9', owner: { kind: 'Deployment', name: 'api' } }),
    aWorkload({ namespace: 'web', name: 'idle', desired: 0, ready: 0 }),
    aWorkload({ namespace: 'web', name: 'other' }),
  ],
  pods: [
    aPod({ namespace: 'web', name: 'api-7d9-b', owner: { kind: 'ReplicaSet', name: 'api-7d9' } }),
    aPod({ namespace: 'web', name: 'api-7d9-a', owner: { kind: 'ReplicaSet', name: 'api-7d9' } }),
    aPod({ namespace: 'web', name: 'other-5c1-a', owner: { kind: 'ReplicaSet', name: 'other-5c1' } }),
    aPod({ namespace: 'web', name: 'debug', owner: null }),
  ],
});

/** A job kit whose cluster holds `web/api` (3 replicas), with real confirmations and a memory audit log. */
function scaleKit(options: { problems?: CollectionProblem[]; scaleError?: unknown } = {}) {
  const calls: string[] = [];
  const api: KubeApi = {
    ...fakeKubeApi(state, options.problems ?? []),
    scale: async (ns, kind, name, replicas) => {
      if (options.scaleError) throw options.scaleError;
      calls.push(`scale ${ns} ${kind} ${name} ${replicas}`);
    },
  };
  const kit = jobKit({ api });
  const audit = createMemoryAuditLog();
  const confirmations = createConfirmation({
    secret: 'scale-test-secret-0123456789',
    clock: kit.ctx.clock,
    singleUse: createMemorySingleUse(kit.ctx.clock),
  });
  kit.ctx.audit = audit;
  kit.ctx.confirmations = confirmations;
  const posts = () => kit.slack.flatMap((c) => (c.kind === 'post' ? [c] : []));
  return { ...kit, calls, audit, confirmations, posts };
}

function buttonValue(blocks: readonly object[] | undefined, actionId: string): string {
  for (const block of (blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    const found = block.elements?.find((e) => e.action_id === actionId)?.value;
    if (found !== undefined) return found;
  }
  throw new Error(`no ${actionId} button`);
}

describe('workload-scale to 0 replicas', () => {
  it('asks first: a preview with the replicas and the pods that go, nothing scaled, the request audited under the confirmed job’s id', async () => {
    const kit = scaleKit();

    const result = await run(workloadScale, { ...API, replicas: 0 }, kit.ctx);

    expect(kit.calls).toEqual([]);
    const [preview] = kit.posts();
    expect(preview?.message.text).toBe('Scale web/deployment/api on dev-a to 0 replicas? Waiting for confirmation from U1.');
    const shown = JSON.stringify(preview?.message.blocks);
    expect(shown).toContain('3 → 0 (2 ready now)');
    expect(shown).toContain('Pods deleted (2)*\\n`api-7d9-a`\\n`api-7d9-b`');
    expect(shown).not.toContain('other-5c1-a');
    expect(result).toEqual({ awaiting: 'confirmation', previewTs: preview?.ts });
    const verified = kit.confirmations.verify(buttonValue(preview?.message.blocks, SCALE_ACTIONS.confirm), {
      userId: 'U1',
      isAdmin: false,
    });
    if (!verified.ok) throw new Error(`token refused: ${verified.reason}`);
    expect(verified.claim).toMatchObject({
      action: 'workload-scale',
      requester: 'U1',
      channelId: 'C1',
      params: { cluster: 'dev-a', namespace: 'web', kind: 'Deployment', name: 'api' },
    });
    expect(kit.audit.records.map((r) => [r.decision, r.target, r.jobId, r.threadTs, r.outcome])).toEqual([
      ['requested', 'dev-a:web/deployment/api', `workload-scale-${verified.claim.id}`, preview?.ts, 'replicas 3 to 0: preview'],
    ]);
  });

  it('posts no second preview when the job runs again', async () => {
    const kit = scaleKit();
    const data = workloadScale.data.parse({ ...API, replicas: 0 });

    await workloadScale.process(data, kit.ctx);
    await workloadScale.process(data, kit.ctx);

    expect(kit.posts()).toHaveLength(1);
    expect(kit.audit.records).toHaveLength(1);
    expect(kit.calls).toEqual([]);
  });

  it('scales once confirmed, answering in the preview’s thread, without a second request record', async () => {
    const kit = scaleKit();
    kit.ctx.runtime = { ...kit.ctx.runtime, jobId: 'workload-scale-claim1' };

    await run(workloadScale, { ...API, replicas: 0, confirmed: true, threadTs: '7.7' }, kit.ctx);

    expect(kit.calls).toEqual(['scale web Deployment api 0']);
    expect(kit.posts().map((p) => [p.threadTs, p.message.text])).toEqual([['7.7', 'web/deployment/api on dev-a: scaled']]);
    expect(kit.audit.records.map((r) => [r.decision, r.jobId])).toEqual([
      ['started', 'workload-scale-claim1'],
      ['finished', 'workload-scale-claim1'],
    ]);
  });

  it('needs no confirmation when the workload is already at 0', async () => {
    const kit = scaleKit();

    await run(workloadScale, { ...API, name: 'idle', replicas: 0 }, kit.ctx);

    expect(kit.calls).toEqual(['scale web Deployment idle 0']);
    expect(kit.audit.records.map((r) => r.decision)).toEqual(['requested', 'started', 'finished']);
  });

  it('names a workload that does not exist and scales nothing', async () => {
    const kit = scaleKit();

    const error = await run(workloadScale, { ...API, name: 'ghost', replicas: 0 }, kit.ctx).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'not_found', userMessage: 'web/deployment/ghost was not found on dev-a: nothing was scaled.' });
    expect(kit.calls).toEqual([]);
    expect(kit.posts()).toEqual([]);
  });

  it('still asks when the workloads could not be listed', async () => {
    const problems: CollectionProblem[] = [{ source: 'kube', code: 'forbidden', what: 'deployments', message: 'deployments is forbidden' }];
    const kit = scaleKit({ problems });

    const result = await run(workloadScale, { ...API, name: 'ghost', replicas: 0 }, kit.ctx);

    expect(result).toMatchObject({ awaiting: 'confirmation' });
    expect(JSON.stringify(kit.posts()[0]?.message.blocks)).toContain('could not be read → 0');
    expect(kit.calls).toEqual([]);
  });
});

describe('workload-scale to 1 or more', () => {
  it('scales at once, audited as requested, started and finished', async () => {
    const kit = scaleKit();

    await run(workloadScale, { ...API, replicas: 5 }, kit.ctx);

    expect(kit.calls).toEqual(['scale web Deployment api 5']);
    expect(kit.audit.records.map((r) => [r.decision, r.jobId])).toEqual([
      ['requested', 'job-1'],
      ['started', 'job-1'],
      ['finished', 'job-1'],
    ]);
  });

  it('audits a failed scale', async () => {
    const kit = scaleKit({ scaleError: new NotFoundError('deployments.apps "api" not found') });

    await expect(run(workloadScale, { ...API, replicas: 2 }, kit.ctx)).rejects.toBeInstanceOf(NotFoundError);

    expect(kit.audit.records.map((r) => [r.decision, r.outcome])).toEqual([
      ['requested', 'replicas 2'],
      ['started', 'replicas 2'],
      ['failed', 'deployments.apps "api" not found'],
    ]);
  });
});
