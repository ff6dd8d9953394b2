import type { ClusterContext } from '../cluster-context.js';
import { addWorkload } from '../workload-builder.js';
import { MIN } from './scenario-events.js';

/**
 * A Murano Kubernetes application deployed after creation: Murano's Kubernetes apps run as
 * ReplicationControllers (its restartContainers action recreates their pods). Healthy; the
 * lb-blocks-delete cluster carries it (the app its load balancer was added for).
 */
export function muranoApp(ctx: ClusterContext): void {
  addWorkload(ctx, {
    kind: 'ReplicationController',
    namespace: 'default',
    name: 'nginx',
    labels: { name: 'nginx' },
    replicas: 2,
    createdAt: ctx.createdAt + 30 * MIN,
    containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
  });
}
