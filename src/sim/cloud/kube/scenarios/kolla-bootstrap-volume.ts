import type { ClusterContext } from '../cluster-context.js';
import { iso, suffix } from '../kube-names.js';
import type { SimObject } from '../kube-types.js';
import { buildPod } from '../pod-builder.js';
import { ownerRef } from '../workload-builder.js';
import { addKollaServices, addMariadb, addMariadbResources, KOLLA_NS, MARIADB_IMAGE, mariadbVolumes } from './kolla.js';
import { eventsFor, MIN, scheduledEvent } from './scenario-events.js';

/** Kolla known issue 1: the finished mariadb-bootstrap job's pod still holds the PVC. */
export function kollaBootstrapVolume(ctx: ClusterContext): void {
  addMariadbResources(ctx, 'cinder');
  const jobAt = ctx.createdAt + 11 * MIN + 30_000;
  const doneAt = jobAt + 50_000;
  const jobLabels = { 'job-name': 'mariadb-bootstrap' };
  const job = ctx.store.put<SimObject>('jobs', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'mariadb-bootstrap', namespace: KOLLA_NS, uid: '', creationTimestamp: iso(jobAt), labels: jobLabels },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      selector: { matchLabels: jobLabels },
      template: {
        metadata: { labels: jobLabels },
        spec: { containers: [{ name: 'bootstrap', image: MARIADB_IMAGE }], restartPolicy: 'OnFailure' },
      },
    },
    status: {
      startTime: iso(jobAt),
      completionTime: iso(doneAt),
      succeeded: 1,
      conditions: [{ type: 'Complete', status: 'True', lastProbeTime: iso(doneAt), lastTransitionTime: iso(doneAt) }],
    },
  });
  const first = ctx.workers[0];
  const second = ctx.workers[1] ?? first;
  if (!first || !second) return;
  const bootstrap = ctx.store.put(
    'pods',
    buildPod({
      namespace: KOLLA_NS,
      name: `mariadb-bootstrap-${suffix('mariadb-bootstrap', 5)}`,
      labels: jobLabels,
      owner: ownerRef(job),
      createdAt: jobAt,
      node: first,
      podIP: ctx.nextPodIp(),
      containers: [
        { name: 'bootstrap', image: MARIADB_IMAGE, plan: { state: 'terminated', reason: 'Completed', exitCode: 0, finishedAgoMs: 50_000 } },
      ],
      volumes: mariadbVolumes(),
    }),
  );
  ctx.store.setLogs(KOLLA_NS, bootstrap.metadata.name, 'bootstrap', {
    current: 'Running bootstrap for mariadb\nmysqld_safe Starting mysqld daemon\nBootstrap finished\n',
  });
  const pod = addMariadb(ctx, {
    node: second,
    containers: [{ name: 'mariadb', image: MARIADB_IMAGE, plan: { state: 'waiting', reason: 'ContainerCreating' } }],
  });
  const at = Date.parse(pod.metadata.creationTimestamp);
  eventsFor(ctx, pod, [
    scheduledEvent(pod.metadata.name, KOLLA_NS, second.name, at + 1000),
    {
      type: 'Warning',
      reason: 'FailedAttachVolume',
      message: `Multi-Attach error for volume "mariadb" Volume is already used by pod(s) ${bootstrap.metadata.name}`,
      component: 'attachdetach-controller',
      at: at + 2000,
    },
    {
      type: 'Warning',
      reason: 'FailedMount',
      message:
        'Unable to attach or mount volumes: unmounted volumes=[mariadb-persistent-storage], unattached volumes=[mariadb-persistent-storage mariadb-config kube-api-access-7x2kq]: timed out waiting for the condition',
      at: at + 2 * MIN + 3000,
      recurEveryMs: 2 * MIN,
    },
  ]);
  addKollaServices(ctx);
}
