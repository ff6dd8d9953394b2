import type { z } from 'zod';
import type {
  KConfigMap,
  KIpPool,
  KEndpoints,
  KJob,
  KPersistentVolume,
  KPersistentVolumeClaim,
  KService,
  KWorkload,
  WorkloadKind,
} from '../core/kube-state.js';
import type {
  ConfigMapSchema,
  EndpointsSchema,
  IpPoolSchema,
  JobSchema,
  PvcSchema,
  PvSchema,
  ServiceSchema,
  WireDaemonSet,
  WireWorkload,
} from './kube-schemas.js';
import { controllerOf, toCondition, toMillis } from './to-kube-state.js';

/** Converters for the objects around pods: services, storage, jobs, workloads, configmaps. */
export function toKService(s: z.infer<typeof ServiceSchema>): KService {
  return {
    namespace: s.metadata.namespace ?? 'default',
    name: s.metadata.name,
    type: s.spec?.type ?? 'ClusterIP',
    selector: s.spec?.selector ?? null,
    clusterIP: s.spec?.clusterIP ?? null,
    ports: (s.spec?.ports ?? []).map((p) => ({ name: p.name ?? null, port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}

/** Ready and not-ready address counts of an Endpoints object. */
export function toKEndpoints(e: z.infer<typeof EndpointsSchema>): KEndpoints {
  const subsets = e.subsets ?? [];
  return {
    namespace: e.metadata.namespace ?? 'default',
    name: e.metadata.name,
    readyAddresses: subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0),
    notReadyAddresses: subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0),
  };
}

/** A claim with its phase, bound volume and storage class. */
/** A volume with its claim and its source kind (rbd, csi, cinder...). */
export function toKPvc(p: z.infer<typeof PvcSchema>): KPersistentVolumeClaim {
  return {
    namespace: p.metadata.namespace ?? 'default',
    name: p.metadata.name,
    phase: p.status?.phase ?? 'Pending',
    volumeName: p.spec?.volumeName || null,
    storageClass: p.spec?.storageClassName ?? null,
    accessModes: p.spec?.accessModes ?? [],
    createdAt: toMillis(p.metadata.creationTimestamp),
  };
}

const PV_SPEC_FIELDS = new Set([
  'capacity',
  'accessModes',
  'persistentVolumeReclaimPolicy',
  'storageClassName',
  'claimRef',
  'volumeMode',
  'mountOptions',
  'nodeAffinity',
  'volumeAttributesClassName',
]);

export function toKPv(p: z.infer<typeof PvSchema>): KPersistentVolume {
  const claim = p.spec?.claimRef;
  return {
    name: p.metadata.name,
    phase: p.status?.phase ?? 'Pending',
    claim: claim?.name ? { namespace: claim.namespace ?? 'default', name: claim.name } : null,
    storageClass: p.spec?.storageClassName ?? null,
    source: Object.keys(p.spec ?? {}).find((k) => !PV_SPEC_FIELDS.has(k)) ?? 'unknown',
  };
}

/** A Job with its counts, completion time and conditions. */
export function toKJob(j: z.infer<typeof JobSchema>): KJob {
  return {
    namespace: j.metadata.namespace ?? 'default',
    name: j.metadata.name,
    labels: j.metadata.labels ?? {},
    active: j.status?.active ?? 0,
    succeeded: j.status?.succeeded ?? 0,
    failed: j.status?.failed ?? 0,
    completionTime: toMillis(j.status?.completionTime),
    conditions: (j.status?.conditions ?? []).map(toCondition),
    selector: j.spec?.selector?.matchLabels ?? null,
  };
}

/** A workload (DaemonSets read from their scheduling counts). */
export function toKWorkload(kind: WorkloadKind, w: WireWorkload): KWorkload {
  const s = w.status ?? {};
  const daemon = kind === 'DaemonSet';
  return {
    kind,
    namespace: w.metadata.namespace ?? 'default',
    name: w.metadata.name,
    desired: daemon ? (s.desiredNumberScheduled ?? 0) : (w.spec?.replicas ?? 1),
    ready: (daemon ? s.numberReady : s.readyReplicas) ?? 0,
    available: (daemon ? s.numberAvailable : s.availableReplicas) ?? 0,
    updated: (daemon ? s.updatedNumberScheduled : (s.updatedReplicas ?? s.replicas)) ?? 0,
    owner: controllerOf(w.metadata),
    conditions: (s.conditions ?? []).map(toCondition),
  };
}

/** The network plugins' settings kept from their ConfigMaps, by ConfigMap name; nothing else is kept. */
const NETWORK_CONFIG: Record<string, readonly string[]> = {
  'kube-flannel-cfg': ['net-conf.json'],
  'canal-config': ['net-conf.json', 'calico_backend'],
  'calico-config': ['calico_backend'],
};

/** A ConfigMap reduced to its key names (values may hold secrets), plus the network plugins' settings. */
export function toKConfigMap(c: z.infer<typeof ConfigMapSchema>): KConfigMap {
  const kept = NETWORK_CONFIG[c.metadata.name] ?? [];
  const networkData = Object.fromEntries(kept.flatMap((key) => (c.data?.[key] === undefined ? [] : [[key, c.data[key].slice(0, 4096)]])));
  return {
    namespace: c.metadata.namespace ?? 'default',
    name: c.metadata.name,
    keys: [...Object.keys(c.data ?? {}), ...Object.keys(c.binaryData ?? {})].sort(),
    ...(Object.keys(networkData).length > 0 ? { networkData } : {}),
  };
}

const NETWORK_ENV = /^(CALICO_|FLANNEL)/;

/** A DaemonSet: the workload, plus its containers' images and network plugin settings. */
export function toKDaemonSet(d: WireDaemonSet): KWorkload {
  const containers = (d.spec?.template?.spec?.containers ?? []).map((c) => ({
    name: c.name,
    image: c.image ?? '',
    env: Object.fromEntries(
      (c.env ?? []).flatMap((e) => (NETWORK_ENV.test(e.name) && typeof e.value === 'string' ? [[e.name, e.value]] : [])),
    ),
  }));
  return { ...toKWorkload('DaemonSet', d), containers };
}

/** A Calico IP pool. */
export function toKIpPool(p: z.infer<typeof IpPoolSchema>): KIpPool {
  return { name: p.metadata.name, cidr: p.spec?.cidr ?? null, vxlanMode: p.spec?.vxlanMode ?? null, ipipMode: p.spec?.ipipMode ?? null };
}
