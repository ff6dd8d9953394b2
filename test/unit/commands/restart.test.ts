import { restart } from '../../../commands/restart.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube restart', () => {
  it('recreates a pod given as NS/POD', async () => {
    const { enqueued } = await runSlash([restart], 'restart prod-a kube-system/coredns-1');

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([
      ['workload-restart', { ...ORIGIN, cluster: 'prod-a', namespace: 'kube-system', kind: 'Pod', name: 'coredns-1' }],
    ]);
  });

  it('rolls a deployment given as NS/deployment/OBJ', async () => {
    const { enqueued } = await runSlash([restart], 'restart prod-a web/deploy/api');

    expect(enqueued[0]?.data).toEqual({ ...ORIGIN, cluster: 'prod-a', namespace: 'web', kind: 'Deployment', name: 'api' });
  });

  it.each([
    ['web/statefulset/db', 'StatefulSet', 'db'],
    ['kube-system/ds/npd', 'DaemonSet', 'npd'],
    ['murano/rc/nginx', 'ReplicationController', 'nginx'],
    ['murano/replicationcontroller/nginx', 'ReplicationController', 'nginx'],
  ])('restarts %s as a %s', async (ref, kind, name) => {
    const { enqueued } = await runSlash([restart], `restart prod-a ${ref}`);

    expect(enqueued[0]?.data).toEqual({ ...ORIGIN, cluster: 'prod-a', namespace: ref.split('/')[0], kind, name });
  });

  it.each([
    ['restart prod-a', 'is missing'],
    ['restart prod-a web/replicaset/db-7f', 'Cannot restart a `replicaset`'],
    ['restart prod-a a/b/c/d', 'Give NAMESPACE/POD or NAMESPACE/KIND/OBJECT'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([restart], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });

  it('needs the operator role', async () => {
    const { enqueued } = await runSlash([restart], 'restart prod-a web/deploy/api', 'viewer');

    expect(enqueued).toEqual([]);
  });
});
