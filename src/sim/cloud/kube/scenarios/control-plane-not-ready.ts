import type { ClusterContext } from '../cluster-context.js';
import type { SimPod } from '../kube-types.js';
import { restatePod } from '../pod-mutations.js';
import { eventsFor, MIN } from './scenario-events.js';

/**
 * kube-scheduler crash-loops after create: pods of Deployments and StatefulSets were never
 * scheduled (Pending, no node, no Scheduled or FailedScheduling event).
 */
export function controlPlaneNotReady(ctx: ClusterContext): void {
  for (const pod of ctx.store.list('pods', 'kube-system') as SimPod[]) {
    const name = pod.metadata.name;
    if (name.startsWith('kube-scheduler-')) {
      const failedAt = ctx.createdAt + 14 * MIN;
      restatePod(ctx, pod, {
        containers: {
          'kube-scheduler': {
            plan: { state: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=kube-scheduler' },
            restartCount: 8,
            lastTerminated: { reason: 'Error', exitCode: 1, startedAt: failedAt - 2000, finishedAt: failedAt },
          },
        },
      });
      ctx.store.setLogs('kube-system', name, 'kube-scheduler', {
        current: '',
        previous: [
          'I0502 09:20:11.402117       1 serving.go:348] Generated self-signed cert in-memory',
          'E0502 09:20:11.402907       1 run.go:74] "command failed" err="invalid configuration: unable to read client-cert /etc/kubernetes/certs/scheduler.crt: open /etc/kubernetes/certs/scheduler.crt: no such file or directory"',
          '',
        ].join('\n'),
      });
      eventsFor(ctx, pod, [
        {
          type: 'Warning',
          reason: 'BackOff',
          message: 'Back-off restarting failed container kube-scheduler',
          at: failedAt,
          recurEveryMs: 5 * MIN,
          fieldPath: 'spec.containers{kube-scheduler}',
        },
      ]);
      continue;
    }
    const owner = pod.metadata.ownerReferences?.[0]?.kind;
    if (owner !== 'ReplicaSet' && owner !== 'StatefulSet') continue;
    const waiting = Object.fromEntries(
      pod.spec.containers.map((c) => [c.name, { plan: { state: 'waiting' as const, reason: 'ContainerCreating' } }]),
    );
    restatePod(ctx, pod, { containers: waiting, node: null, dropIp: true });
  }
}
