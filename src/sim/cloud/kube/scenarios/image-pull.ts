import type { ClusterContext } from '../cluster-context.js';
import { addWorkload } from '../workload-builder.js';
import { eventsFor, MIN, scheduledEvent } from './scenario-events.js';

const IMAGE = 'docker.io/library/nginx:1.27.99';

/** A Deployment whose image tag does not exist: ErrImagePull, then ImagePullBackOff. */
export function imagePull(ctx: ClusterContext): void {
  const start = ctx.createdAt + 12 * MIN;
  const notFound = `failed to pull and unpack image "${IMAGE}": failed to resolve reference "${IMAGE}": ${IMAGE}: not found`;
  const pods = addWorkload(ctx, {
    kind: 'Deployment',
    namespace: 'default',
    name: 'storefront',
    labels: { app: 'storefront' },
    replicas: 2,
    createdAt: start,
    containers: [{ name: 'nginx', image: IMAGE, ports: [{ containerPort: 80, protocol: 'TCP' }] }],
    pod: (i) => ({
      containers: [
        {
          name: 'nginx',
          image: IMAGE,
          plan:
            i === 0
              ? { state: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${IMAGE}"` }
              : { state: 'waiting', reason: 'ErrImagePull', message: `rpc error: code = NotFound desc = ${notFound}` },
        },
      ],
    }),
  });
  for (const pod of pods) {
    const field = 'spec.containers{nginx}';
    eventsFor(ctx, pod, [
      scheduledEvent(pod.metadata.name, 'default', pod.spec.nodeName ?? '', start + 1000),
      { reason: 'Pulling', message: `Pulling image "${IMAGE}"`, at: start + 2000, recurEveryMs: 5 * MIN, fieldPath: field },
      {
        type: 'Warning',
        reason: 'Failed',
        message: `Failed to pull image "${IMAGE}": rpc error: code = NotFound desc = ${notFound}`,
        at: start + 4000,
        recurEveryMs: 5 * MIN,
        fieldPath: field,
      },
      { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', at: start + 4000, recurEveryMs: 5 * MIN, fieldPath: field },
      { reason: 'BackOff', message: `Back-off pulling image "${IMAGE}"`, at: start + 30_000, recurEveryMs: MIN, fieldPath: field },
      { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', at: start + 30_000, recurEveryMs: MIN, fieldPath: field },
    ]);
  }
}
