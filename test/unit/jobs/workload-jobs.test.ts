import { workloadRestart } from '../../../jobs/workload-restart.js';
import { workloadScale } from '../../../jobs/workload-scale.js';
import type { KubeApi } from '../../../src/core/ports.js';
import type { AuditRecord } from '../../../src/core/audit.js';
import { aKubeState, aPod, aWorkload } from '../../helpers/snapshot-builders.js';
import { fakeKubeApi } from '../collect/fakes.js';
import { NotFoundError, UpstreamError } from '../../../src/core/errors.js';
import { NOW } from '../../helpers/snapshot-builders.js';
import { ORIGIN, jobKit, run } from './job-kit.js';

function recordingApi(calls: string[]): KubeApi {
  return {
    ...fakeKubeApi(),
    scale: async (ns, kind, name, replicas) => void calls.push(`scale ${ns} ${kind} ${name} ${replicas}`),
    deletePod: async (ns, name) => void calls.push(`deletePod ${ns} ${name}`),
    restartWorkload: async (ns, kind, name, restartedAt) => void calls.push(`restartWorkload ${ns} ${kind} ${name} ${restartedAt}`),
  };
}

describe('workload-scale job', () => {
  it('scales through the Kubernetes API and says so', async () => {
    const calls: string[] = [];
    const { ctx, slack } = jobKit({ api: recordingApi(calls) });

    await run(
      workloadScale,
      { ...ORIGIN, cluster: 'dev-a', namespace: 'kolla', kind: 'ReplicationController', name: 'memcached', replicas: 2 },
      ctx,
    );

    expect(calls).toEqual(['scale kolla ReplicationController memcached 2']);
    expect(slack[0]?.kind === 'post' && slack[0].message.text).toBe('kolla/replicationcontroller/memcached on dev-a: scaled');
  });

  it('audits the scale (requested, started, finished) when the audit log is wired', async () => {
    const calls: string[] = [];
    const records: AuditRecord[] = [];
    const { ctx } = jobKit({ api: recordingApi(calls) });
    ctx.audit = { write: async (r: AuditRecord) => void records.push(r), recent: async () => [] };

    await run(
      workloadScale,
      { ...ORIGIN, cluster: 'dev-a', namespace: 'web', kind: 'Deployment', name: 'api', replicas: 3, threadTs: '9.1' },
      ctx,
    );

    expect(records.map((r) => [r.action, r.target, r.decision, r.threadTs, r.jobId])).toEqual([
      ['workload-scale', 'dev-a:web/deployment/api', 'requested', '9.1', 'job-1'],
      ['workload-scale', 'dev-a:web/deployment/api', 'started', '9.1', 'job-1'],
      ['workload-scale', 'dev-a:web/deployment/api', 'finished', '9.1', 'job-1'],
    ]);
  });

  it('re-checks the role in the worker: a viewer is refused for good, audited, and nothing changes', async () => {
    const calls: string[] = [];
    const records: AuditRecord[] = [];
    const { ctx, slack } = jobKit({ api: recordingApi(calls), role: 'viewer' });
    ctx.audit = { write: async (r: AuditRecord) => void records.push(r), recent: async () => [] };

    const refused = run(
      workloadScale,
      { ...ORIGIN, cluster: 'dev-a', namespace: 'web', kind: 'Deployment', name: 'api', replicas: 0 },
      ctx,
    );

    await expect(refused).rejects.toMatchObject({ code: 'permission_denied', retryable: false });
    expect(calls).toEqual([]);
    expect(slack).toEqual([]);
    expect(records.map((r) => [r.action, r.decision])).toEqual([['workload-scale', 'denied']]);
  });
});

describe('workload-restart job', () => {
  const pods = aKubeState({
    pods: [
      aPod({ namespace: 'kube-system', name: 'coredns-1', owner: { kind: 'ReplicaSet', name: 'coredns-5d78c9869d' } }),
      aPod({ namespace: 'kube-system', name: 'debug-shell', owner: null }),
    ],
  });

  it('deletes a pod so its controller recreates it, and names the controller', async () => {
    const calls: string[] = [];
    const { ctx, slack } = jobKit({ api: { ...recordingApi(calls), readState: async () => ({ state: pods, problems: [] }) } });

    await run(workloadRestart, { ...ORIGIN, cluster: 'dev-a', namespace: 'kube-system', kind: 'Pod', name: 'coredns-1' }, ctx);

    expect(calls).toEqual(['deletePod kube-system coredns-1']);
    expect(JSON.stringify(slack)).toContain('its ReplicaSet coredns-5d78c9869d creates a new one');
  });

  it.each([
    ['a pod without a controller', 'debug-shell', 'bare_pod', /has no controller: deleting it would not bring it back/],
    ['a pod that does not exist', 'ghost', 'not_found', /Pod kube-system\/ghost was not found on dev-a/],
  ])('deletes nothing for %s', async (_case, name, code, message) => {
    const calls: string[] = [];
    const records: AuditRecord[] = [];
    const { ctx } = jobKit({ api: { ...recordingApi(calls), readState: async () => ({ state: pods, problems: [] }) } });
    ctx.audit = { write: async (r: AuditRecord) => void records.push(r), recent: async () => [] };

    const error = await run(workloadRestart, { ...ORIGIN, cluster: 'dev-a', namespace: 'kube-system', kind: 'Pod', name }, ctx).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ code, userMessage: expect.stringMatching(message) });
    expect(calls).toEqual([]);
    expect(records.map((r) => [r.decision, r.target])).toEqual([['failed', `dev-a:kube-system/pod/${name}`]]);
  });

  it('rolls a deployment', async () => {
    const calls: string[] = [];
    const { ctx } = jobKit({ api: recordingApi(calls) });

    await run(workloadRestart, { ...ORIGIN, cluster: 'dev-a', namespace: 'web', kind: 'Deployment', name: 'api' }, ctx);

    expect(calls).toEqual([`restartWorkload web Deployment api ${new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z')}`]);
  });

  it.each([['StatefulSet'], ['DaemonSet']])('rolls a %s', async (kind) => {
    const calls: string[] = [];
    const { ctx, slack } = jobKit({ api: recordingApi(calls) });

    await run(workloadRestart, { ...ORIGIN, cluster: 'dev-a', namespace: 'kube-system', kind, name: 'agent' }, ctx);

    expect(calls).toEqual([`restartWorkload kube-system ${kind} agent ${new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z')}`]);
    expect(JSON.stringify(slack)).toContain(`kube-system/${kind.toLowerCase()}/agent on dev-a: restarted`);
  });

  it("recreates a ReplicationController's pods (Murano's apps), and a retry deletes only the pods it saved", async () => {
    const calls: string[] = [];
    const rcPod = (name: string, uid: string) =>
      aPod({ namespace: 'default', name, uid, owner: { kind: 'ReplicationController', name: 'nginx' } });
    let pods = [rcPod('nginx-a', 'uid-a'), rcPod('nginx-b', 'uid-b'), aPod({ namespace: 'default', name: 'other', uid: 'uid-o' })];
    const rc = aWorkload({ kind: 'ReplicationController', name: 'nginx' });
    let failAfterFirst = true;
    const api: KubeApi = {
      ...recordingApi(calls),
      readState: async () => ({ state: aKubeState({ pods, workloads: [rc] }), problems: [] }),
      deletePod: async (ns, name) => {
        calls.push(`deletePod ${ns} ${name}`);
        // The controller replaces it at once, under a new name and uid.
        pods = [...pods.filter((p) => p.name !== name), rcPod(`${name}-new`, `${name}-new-uid`)];
        if (failAfterFirst) {
          failAfterFirst = false;
          throw new UpstreamError('kube_unreachable', 'The Kubernetes API did not answer.', { service: 'kube' });
        }
      },
    };
    const { ctx, updates, slack } = jobKit({ api });
    const data = { ...ORIGIN, cluster: 'dev-a', namespace: 'default', kind: 'ReplicationController', name: 'nginx' };

    await expect(run(workloadRestart, data, ctx)).rejects.toMatchObject({ code: 'kube_unreachable' });
    await run(workloadRestart, { ...data, ...updates.at(-1) }, ctx);

    expect(updates.at(-1)).toMatchObject({ podUids: ['uid-a', 'uid-b'] });
    expect(calls).toEqual(['deletePod default nginx-a', 'deletePod default nginx-b']);
    expect(JSON.stringify(slack)).toContain('2 pods were deleted; the ReplicationController creates new ones.');
  });

  it('refuses a ReplicationController that does not exist, deleting nothing', async () => {
    const calls: string[] = [];
    const { ctx } = jobKit({ api: recordingApi(calls) });

    const refused = run(
      workloadRestart,
      { ...ORIGIN, cluster: 'dev-a', namespace: 'default', kind: 'ReplicationController', name: 'nope' },
      ctx,
    );

    await expect(refused).rejects.toMatchObject({
      userMessage: expect.stringContaining('ReplicationController default/nope was not found'),
    });
    expect(calls).toEqual([]);
  });

  it('refuses a viewer', async () => {
    const calls: string[] = [];
    const { ctx } = jobKit({ api: recordingApi(calls), role: 'viewer' });

    const refused = run(workloadRestart, { ...ORIGIN, cluster: 'dev-a', namespace: 'web', kind: 'Deployment', name: 'api' }, ctx);

    await expect(refused).rejects.toMatchObject({ code: 'permission_denied' });
    expect(calls).toEqual([]);
  });
});

describe('workload-restart retried (issue 10, finding 3)', () => {
  const slackDown = () => new UpstreamError('slack_unreachable', 'Could not reach Slack for chat.postMessage.', { service: 'slack' });

  it('counts a pod deleted by an earlier attempt as restarted, instead of failing with "not found"', async () => {
    const calls: string[] = [];
    let pods = [aPod({ namespace: 'kube-system', name: 'coredns-1', uid: 'uid-1', owner: { kind: 'ReplicaSet', name: 'coredns-5d' } })];
    const api: KubeApi = {
      ...recordingApi(calls),
      readState: async () => ({ state: aKubeState({ pods }), problems: [] }),
      deletePod: async (ns, name) => {
        calls.push(`deletePod ${ns} ${name}`);
        // Its ReplicaSet recreates it under the same name (as a StatefulSet would), with a new uid.
        pods = [aPod({ namespace: 'kube-system', name: 'coredns-1', uid: 'uid-2', owner: { kind: 'ReplicaSet', name: 'coredns-5d' } })];
      },
    };
    const { ctx, updates } = jobKit({ api });
    const post = ctx.slack.post;
    ctx.slack.post = async () => Promise.reject(slackDown());
    const data = { ...ORIGIN, cluster: 'dev-a', namespace: 'kube-system', kind: 'Pod', name: 'coredns-1' };

    await expect(run(workloadRestart, data, ctx)).rejects.toMatchObject({ code: 'slack_unreachable' });
    ctx.slack.post = post;
    const retried = await run(workloadRestart, { ...data, ...updates.at(-1) }, ctx);

    expect(retried).toMatchObject({ kind: 'Pod' });
    expect(calls).toEqual(['deletePod kube-system coredns-1']);
    expect(updates.at(-1)).toMatchObject({ podUid: 'uid-1' });
  });

  it('counts a 404 on the delete itself (the pod went meanwhile) as restarted', async () => {
    const pods = aKubeState({
      pods: [aPod({ namespace: 'web', name: 'api-1', uid: 'uid-1', owner: { kind: 'ReplicaSet', name: 'api-7f' } })],
    });
    const api: KubeApi = {
      ...fakeKubeApi(),
      readState: async () => ({ state: pods, problems: [] }),
      deletePod: async () => Promise.reject(new NotFoundError('pods "api-1" not found')),
    };
    const { ctx, slack } = jobKit({ api });

    await run(workloadRestart, { ...ORIGIN, cluster: 'dev-a', namespace: 'web', kind: 'Pod', name: 'api-1' }, ctx);

    expect(JSON.stringify(slack)).toContain('its ReplicaSet api-7f creates a new one');
  });

  it('sets the same restartedAt on a retried Deployment restart, so it rolls once', async () => {
    const calls: string[] = [];
    const { ctx, updates } = jobKit({ api: recordingApi(calls) });
    const post = ctx.slack.post;
    ctx.slack.post = async () => Promise.reject(slackDown());
    const data = { ...ORIGIN, cluster: 'dev-a', namespace: 'web', kind: 'Deployment', name: 'api' };
    let now = NOW;
    ctx.clock = { now: () => now };

    await expect(run(workloadRestart, data, ctx)).rejects.toMatchObject({ code: 'slack_unreachable' });
    now += 60_000;
    ctx.slack.post = post;
    await run(workloadRestart, { ...data, ...updates.at(-1) }, ctx);

    expect(new Set(calls).size).toBe(1);
    expect(calls).toHaveLength(2);
  });
});
