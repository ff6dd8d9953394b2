import type { ClusterContext } from '../cluster-context.js';
import type { SimObject } from '../kube-types.js';

export const MIN = 60_000;

export interface EventSpec {
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  /** Default `kubelet` on the pod's node. */
  component?: string;
  at: number;
  lastAt?: number;
  count?: number;
  /** The event keeps recurring (count and lastTimestamp follow the clock). */
  recurEveryMs?: number;
  fieldPath?: string;
}

/** Records events about an object (a pod's go to its node's kubelet unless said otherwise). */
export function eventsFor(ctx: ClusterContext, obj: SimObject, specs: EventSpec[]): void {
  const node = (obj['spec'] as { nodeName?: string } | undefined)?.nodeName;
  for (const spec of specs) {
    const component = spec.component ?? 'kubelet';
    ctx.addEvent(
      {
        namespace: obj.metadata.namespace ?? 'default',
        involved: {
          kind: obj.kind,
          name: obj.metadata.name,
          ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
          uid: obj.metadata.uid,
          apiVersion: obj.apiVersion,
          ...(spec.fieldPath ? { fieldPath: spec.fieldPath } : {}),
        },
        reason: spec.reason,
        message: spec.message,
        type: spec.type ?? 'Normal',
        source: component === 'kubelet' && node ? { component, host: node } : { component },
        firstAt: spec.at,
        ...(spec.lastAt !== undefined ? { lastAt: spec.lastAt } : {}),
        ...(spec.count !== undefined ? { count: spec.count } : {}),
      },
      spec.recurEveryMs,
    );
  }
}

/** The Scheduled event every scheduled pod has. */
export function scheduledEvent(podName: string, namespace: string, node: string, at: number): EventSpec {
  return { reason: 'Scheduled', message: `Successfully assigned ${namespace}/${podName} to ${node}`, component: 'default-scheduler', at };
}
