import type { ClusterContext } from '../cluster-context.js';
import { workerNode } from '../cluster-context.js';
import { buildNode, nodeLookOf } from '../object-builders.js';
import { addKollaServices, addMariadb, addMariadbResources, KOLLA_NS, MARIADB_IMAGE } from './kolla.js';
import { evictPodsFrom, markNodeLost } from './node-not-ready.js';
import { eventsFor, MIN, scheduledEvent } from './scenario-events.js';

/** Kolla known issue 2: mariadb's node was lost; on its new node the RBD image is still locked. */
export function rbdVolumeLocked(ctx: ClusterContext): void {
  addMariadbResources(ctx, 'rbd');
  const target = ctx.workers[0];
  if (!target) return;
  let lost = ctx.workers.length > 1 ? ctx.workers.at(-1) : undefined;
  if (!lost) {
    lost = workerNode(ctx.prefix, ctx.workers.length);
    const look = nodeLookOf(ctx.store.get('nodes', undefined, target.name));
    ctx.store.put('nodes', buildNode(lost, { ...look, kubeletVersion: ctx.kubeVersion, createdAt: ctx.createdAt + 7 * MIN }));
  }
  const lostAt = ctx.createdAt + 12 * MIN;
  markNodeLost(ctx, lost, lostAt);
  evictPodsFrom(ctx, lost, lostAt);
  const pod = addMariadb(ctx, {
    node: target,
    createdAt: lostAt + 6 * MIN,
    containers: [{ name: 'mariadb', image: MARIADB_IMAGE, plan: { state: 'waiting', reason: 'ContainerCreating' } }],
  });
  const at = Date.parse(pod.metadata.creationTimestamp);
  eventsFor(ctx, pod, [
    scheduledEvent(pod.metadata.name, KOLLA_NS, target.name, at + 1000),
    {
      type: 'Warning',
      reason: 'FailedMount',
      message: 'MountVolume.WaitForAttach failed for volume "mariadb" : rbd image kolla/mariadb is still being used',
      at: at + 3000,
      recurEveryMs: 2 * MIN,
    },
    {
      type: 'Warning',
      reason: 'FailedMount',
      message: 'MountVolume.SetUp failed for volume "mariadb" : rbd: image mariadb is locked by other nodes',
      at: at + 5000,
      recurEveryMs: 2 * MIN,
    },
    {
      type: 'Warning',
      reason: 'FailedMount',
      message:
        'Unable to attach or mount volumes: unmounted volumes=[mariadb-persistent-storage], unattached volumes=[mariadb-config kube-api-access-9fz4m mariadb-persistent-storage]: timed out waiting for the condition',
      at: at + 2 * MIN + 5000,
      recurEveryMs: 2 * MIN,
    },
  ]);
  addKollaServices(ctx);
}
