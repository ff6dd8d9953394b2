import type { ClusterContext } from '../cluster-context.js';
import { addKollaServices, addMariadb, addMariadbResources, KOLLA_NS, MARIADB_IMAGE } from './kolla.js';
import { eventsFor, MIN, scheduledEvent } from './scenario-events.js';

/** The mariadb Service selects one pod that never passes its port check: no ready endpoints. */
export function serviceNoEndpoints(ctx: ClusterContext): void {
  addMariadbResources(ctx, 'cinder');
  const pod = addMariadb(ctx, { containers: [{ name: 'mariadb', image: MARIADB_IMAGE, plan: { state: 'running', ready: false } }] });
  const at = Date.parse(pod.metadata.creationTimestamp);
  ctx.store.setLogs(KOLLA_NS, pod.metadata.name, 'mariadb', {
    current: [
      "[Note] WSREP: gcomm: connecting to group 'openstack', peer ''",
      '[ERROR] WSREP: failed to open gcomm backend connection: 110: failed to reach primary view: 110 (Connection timed out)',
      '[ERROR] WSREP: gcs/src/gcs_core.cpp:gcs_core_open():208: Failed to open backend connection: -110 (Connection timed out)',
      '[ERROR] Aborting',
      '',
    ].join('\n'),
  });
  eventsFor(ctx, pod, [
    scheduledEvent(pod.metadata.name, KOLLA_NS, pod.spec.nodeName ?? '', at + 1000),
    {
      type: 'Warning',
      reason: 'Unhealthy',
      message: `Readiness probe failed: dial tcp ${pod.status.podIP ?? ''}:3306: connect: connection refused`,
      at: at + MIN,
      recurEveryMs: 10_000,
      fieldPath: 'spec.containers{mariadb}',
    },
  ]);
  addKollaServices(ctx);
}
