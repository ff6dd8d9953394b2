import { scale } from '../../../commands/scale.js';
import { ORIGIN, runSlash } from './command-kit.js';

describe('/kube scale', () => {
  it.each([
    ['scale prod-a web/deployment/api --replicas 3', { namespace: 'web', kind: 'Deployment', name: 'api', replicas: 3 }],
    ['scale prod-a kolla/rc/memcached --replicas=0', { namespace: 'kolla', kind: 'ReplicationController', name: 'memcached', replicas: 0 }],
    ['scale prod-a kolla/StatefulSet/mariadb -r 2', { namespace: 'kolla', kind: 'StatefulSet', name: 'mariadb', replicas: 2 }],
  ])('enqueues workload-scale for `%s`', async (text, args) => {
    const { enqueued } = await runSlash([scale], text);

    expect(enqueued.map((e) => [e.name, e.data])).toEqual([['workload-scale', { ...ORIGIN, cluster: 'prod-a', ...args }]]);
  });

  it.each([
    ['scale prod-a web/deployment/api', 'The `--replicas` option is missing.'],
    ['scale prod-a web/api --replicas 3', 'Give the object as NAMESPACE/KIND/OBJECT, not `web/api`.'],
    ['scale prod-a web/daemonset/agent --replicas 3', 'Cannot scale a `daemonset`'],
    ['scale prod-a web/deployment/api --replicas -1', 'The `--replicas` value cannot be negative.'],
    ['scale prod-a web/deployment/api --replicas 1.5', 'whole number'],
  ])('rejects `%s` without enqueueing', async (text, problem) => {
    const { enqueued, replies } = await runSlash([scale], text);

    expect(replies[0]?.text).toContain(problem);
    expect(enqueued).toEqual([]);
  });

  it('needs the operator role: a viewer is refused and nothing is enqueued', async () => {
    const { enqueued, replies } = await runSlash([scale], 'scale prod-a web/deployment/api --replicas 3', 'viewer');

    expect(replies.map((r) => r.text)).toEqual(['You need the operator role.']);
    expect(enqueued).toEqual([]);
  });
});
