import { iso, objectMeta as meta } from './kube-names.js';
import type { SimObject } from './kube-types.js';

export { buildNode, FCOS_LOOK, nodeLookOf, type NodeLook, type SimNode } from './node-builder.js';

/** An Active Namespace. */
export function buildNamespace(name: string, createdAt: number): SimObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, createdAt, undefined, { 'kubernetes.io/metadata.name': name }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export interface EventPlan {
  namespace: string;
  involved: { kind: string; name: string; namespace?: string; uid?: string; apiVersion?: string; fieldPath?: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: { component: string; host?: string };
  firstAt: number;
  lastAt?: number;
  count?: number;
}

/** A core/v1 Event; its name is `<object>.<hex>` like the real ones. */
export function buildEvent(plan: EventPlan, seq: number): SimObject {
  const name = `${plan.involved.name}.${(0x17a0000000000000n + BigInt(plan.firstAt) * 1000n + BigInt(seq)).toString(16)}`;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: meta(name, plan.firstAt, plan.namespace),
    involvedObject: { apiVersion: 'v1', namespace: plan.namespace, ...plan.involved },
    reason: plan.reason,
    message: plan.message,
    source: plan.source,
    firstTimestamp: iso(plan.firstAt),
    lastTimestamp: iso(plan.lastAt ?? plan.firstAt),
    count: plan.count ?? 1,
    type: plan.type,
    eventTime: null,
    reportingComponent: '',
    reportingInstance: '',
  };
}

export interface ServicePlan {
  namespace: string;
  name: string;
  selector: Record<string, string> | null;
  ports: { name?: string; port: number; targetPort?: number; protocol?: 'TCP' | 'UDP' }[];
  clusterIP: string;
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  labels?: Record<string, string>;
  createdAt: number;
  loadBalancerIP?: string;
}

/** A Service (ClusterIP unless told otherwise). */
export function buildService(plan: ServicePlan): SimObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(plan.name, plan.createdAt, plan.namespace, plan.labels ?? {}),
    spec: {
      ...(plan.selector ? { selector: plan.selector } : {}),
      ports: plan.ports.map((p) => ({
        protocol: p.protocol ?? 'TCP',
        ...(p.name ? { name: p.name } : {}),
        port: p.port,
        targetPort: p.targetPort ?? p.port,
      })),
      clusterIP: plan.clusterIP,
      clusterIPs: [plan.clusterIP],
      type: plan.type ?? 'ClusterIP',
      sessionAffinity: 'None',
    },
    status: { loadBalancer: plan.loadBalancerIP ? { ingress: [{ ip: plan.loadBalancerIP }] } : {} },
  };
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: 'Pod'; namespace: string; name: string };
}

/** A Service's Endpoints with ready and not-ready addresses. */
export function buildEndpoints(service: ServicePlan, ready: EndpointAddress[], notReady: EndpointAddress[]): SimObject {
  const ports = service.ports.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: p.targetPort ?? p.port,
    protocol: p.protocol ?? 'TCP',
  }));
  const subsets =
    ready.length + notReady.length === 0
      ? undefined
      : [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports }];
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta(service.name, service.createdAt, service.namespace, service.labels ?? {}),
    ...(subsets ? { subsets } : {}),
  };
}

/** A ConfigMap. */
export function buildConfigMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
  createdAt: number,
  labels?: Record<string, string>,
): SimObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, createdAt, namespace, labels), data };
}

export interface VolumePlan {
  name: string;
  namespace: string;
  claimName: string;
  storageClass: string;
  size: string;
  source: Record<string, unknown>;
  createdAt: number;
  accessModes?: string[];
  labels?: Record<string, string>;
}

/** A bound PersistentVolume and its claim. */
export function buildBoundVolume(plan: VolumePlan): { pv: SimObject; pvc: SimObject } {
  const accessModes = plan.accessModes ?? ['ReadWriteOnce'];
  const pv: SimObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: meta(plan.name, plan.createdAt, undefined, plan.labels),
    spec: {
      capacity: { storage: plan.size },
      accessModes,
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: plan.storageClass,
      claimRef: { kind: 'PersistentVolumeClaim', namespace: plan.namespace, name: plan.claimName, apiVersion: 'v1' },
      ...plan.source,
    },
    status: { phase: 'Bound' },
  };
  const pvc: SimObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta(plan.claimName, plan.createdAt, plan.namespace, plan.labels),
    spec: {
      accessModes,
      resources: { requests: { storage: plan.size } },
      storageClassName: plan.storageClass,
      volumeName: plan.name,
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound', accessModes, capacity: { storage: plan.size } },
  };
  return { pv, pvc };
}
