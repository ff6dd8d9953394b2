import { bootstrapJobDelete } from '../../../jobs/bootstrap-job-delete.js';
import type { KJob, KPod } from '../../../src/core/kube-state.js';
import type { KubeApi } from '../../../src/core/ports.js';
import { aJob, aKubeState, aPod } from '../../helpers/snapshot-builders.js';
import { fakeKubeApi } from '../collect/fakes.js';
import { ORIGIN, jobKit, run } from './job-kit.js';

const DATA = { ...ORIGIN, threadTs: '100.1', cluster: 'dev-a', namespace: 'kolla', job: 'mariadb-bootstrap', claim: 'mariadb' };
const holder = (claim = 'mariadb'): KPod => ({
  ...aPod({ namespace: 'kolla', name: 'mariadb-bootstrap-x7k2p', owner: { kind: 'Job', name: 'mariadb-bootstrap' } }),
  volumes: [{ name: 'data', pvcClaimName: claim, kind: 'persistentVolumeClaim' }],
});

function api(calls: string[], jobs: KJob[], pods: KPod[]): KubeApi {
  return {
    ...fakeKubeApi(),
    readState: async () => ({ state: aKubeState({ jobs, pods }), problems: [] }),
    deleteJob: async (ns, name) => void calls.push(`deleteJob ${ns} ${name}`),
  };
}

describe('bootstrap-job-delete job (Kolla-Kubernetes known issue 1)', () => {
  const finished = aJob({ namespace: 'kolla', name: 'mariadb-bootstrap' });

  it('deletes the finished job whose pod holds the PVC, and says what that frees', async () => {
    const calls: string[] = [];
    const { ctx, slack } = jobKit({ api: api(calls, [finished], [holder()]) });

    await run(bootstrapJobDelete, DATA, ctx);

    expect(calls).toEqual(['deleteJob kolla mariadb-bootstrap']);
    expect(JSON.stringify(slack)).toContain('releases PVC mariadb');
  });

  it.each([
    ['the job is gone', [], [holder()], /was not found on dev-a: nothing was deleted/],
    ['the job runs again', [{ ...finished, active: 1 }], [holder()], /is still running, so it was left alone/],
    ['its pod no longer holds the PVC', [finished], [holder('other')], /mounts PVC mariadb any more/],
  ])('deletes nothing when %s', async (_case, jobs, pods, message) => {
    const calls: string[] = [];
    const { ctx } = jobKit({ api: api(calls, jobs, pods) });

    await expect(run(bootstrapJobDelete, DATA, ctx)).rejects.toMatchObject({ userMessage: expect.stringMatching(message) });
    expect(calls).toEqual([]);
  });

  it('counts a retry that finds the job gone after its delete was sent as done', async () => {
    const calls: string[] = [];
    const { ctx, slack } = jobKit({ api: api(calls, [], []) });

    await run(bootstrapJobDelete, { ...DATA, deleteSent: true }, ctx);

    expect(calls).toEqual([]);
    expect(JSON.stringify(slack)).toContain('kolla/job/mariadb-bootstrap on dev-a: deleted');
  });

  it('refuses a viewer', async () => {
    const calls: string[] = [];
    const { ctx } = jobKit({ api: api(calls, [finished], [holder()]), role: 'viewer' });

    await expect(run(bootstrapJobDelete, DATA, ctx)).rejects.toMatchObject({ code: 'permission_denied' });
    expect(calls).toEqual([]);
  });
});
