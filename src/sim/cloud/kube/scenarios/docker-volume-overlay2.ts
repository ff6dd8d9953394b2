import type { ClusterContext } from '../cluster-context.js';
import type { SimPod } from '../kube-types.js';
import { restatePod } from '../pod-mutations.js';
import { eventsFor, MIN, scheduledEvent } from './scenario-events.js';

/** Pods that keep running on a broken docker volume: host-network ones need no sandbox. */
const SPARED = ['calico-', 'csi-cinder-nodeplugin-', 'openstack-cloud-controller-manager-', 'k8s-keystone-auth-'];

/**
 * Catalyst known issue 2 (seed 000): overlay2 with a docker volume. Every pod on a worker
 * that needs a sandbox stays ContainerCreating; the kubelet keeps failing to mount overlay.
 */
export function dockerVolumeOverlay2(ctx: ClusterContext): void {
  const workers = new Set(ctx.workers.map((w) => w.name));
  const stuck = (ctx.store.list('pods', 'kube-system') as SimPod[]).filter(
    (p) => p.spec.nodeName && workers.has(p.spec.nodeName) && !SPARED.some((s) => p.metadata.name.startsWith(s)),
  );
  for (const pod of stuck) {
    const waiting = Object.fromEntries(
      pod.spec.containers.map((c) => [c.name, { plan: { state: 'waiting' as const, reason: 'ContainerCreating' } }]),
    );
    const updated = restatePod(ctx, pod, { containers: waiting, dropIp: true });
    const created = Date.parse(updated.metadata.creationTimestamp);
    const node = updated.spec.nodeName ?? '';
    const layer = `${Buffer.from(updated.metadata.name).toString('hex').padEnd(64, '0').slice(0, 64)}`;
    eventsFor(ctx, updated, [
      scheduledEvent(updated.metadata.name, 'kube-system', node, created),
      {
        type: 'Warning',
        reason: 'FailedCreatePodSandBox',
        message: `Failed create pod sandbox: rpc error: code = Unknown desc = failed to create a sandbox for pod "${updated.metadata.name}": Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/${layer}-init/merged: invalid argument`,
        at: created + 5_000,
        recurEveryMs: MIN,
      },
    ]);
    if (updated.metadata.name.startsWith('kubernetes-dashboard-')) {
      eventsFor(ctx, updated, [
        {
          type: 'Warning',
          reason: 'FailedMount',
          message:
            'MountVolume.SetUp failed for volume "kubernetes-dashboard-certs" : couldn\'t propagate object cache: timed out waiting for the condition',
          at: created + 2 * MIN,
          recurEveryMs: 2 * MIN,
        },
      ]);
    }
  }
}
