import type { KCondition, KContainer, KEvent, KNode, KPod } from '../core/kube-state.js';
import type { z } from 'zod';
import type { ConditionSchema, ContainerStatusSchema, MetaSchema, WireEvent, WireNode, WirePod } from './kube-schemas.js';
import { podStatusColumn } from './pod-status.js';

type Meta = z.infer<typeof MetaSchema>;

/** RFC 3339 to epoch ms; null when absent or unparseable. */
export function toMillis(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** A condition with its time as epoch ms. */
export function toCondition(c: z.infer<typeof ConditionSchema>): KCondition {
  const status = c.status === 'True' || c.status === 'False' ? c.status : 'Unknown';
  return { type: c.type, status, reason: c.reason ?? null, message: c.message ?? null, lastTransitionTime: toMillis(c.lastTransitionTime) };
}

/** The controlling owner (or the first owner). */
export function controllerOf(meta: Meta): { kind: string; name: string } | null {
  const refs = meta.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  return ref ? { kind: ref.kind, name: ref.name } : null;
}

function toContainer(name: string, image: string, init: boolean, s: z.infer<typeof ContainerStatusSchema> | undefined): KContainer {
  const state = s?.state;
  const current = state?.waiting ? 'waiting' : state?.running ? 'running' : state?.terminated ? 'terminated' : 'unknown';
  const last = s?.lastState?.terminated;
  return {
    name,
    image: s?.image || image,
    init,
    ready: s?.ready ?? false,
    restartCount: s?.restartCount ?? 0,
    state: current,
    reason: state?.waiting?.reason ?? state?.terminated?.reason ?? null,
    message: state?.waiting?.message ?? state?.terminated?.message ?? null,
    exitCode: state?.terminated?.exitCode ?? null,
    startedAt: toMillis(state?.running?.startedAt ?? state?.terminated?.startedAt),
    lastTerminated: last ? { reason: last.reason ?? null, exitCode: last.exitCode ?? null, finishedAt: toMillis(last.finishedAt) } : null,
  };
}

/** A pod, with kubectl's STATUS column computed. */
export function toKPod(pod: WirePod): KPod {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const byName = (list: z.infer<typeof ContainerStatusSchema>[] | null | undefined, name: string) => list?.find((s) => s.name === name);
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    uid: pod.metadata.uid ?? '',
    phase: status.phase ?? 'Unknown',
    status: podStatusColumn(pod),
    nodeName: spec.nodeName ?? null,
    podIP: status.podIP ?? null,
    createdAt: toMillis(pod.metadata.creationTimestamp),
    deletionTimestamp: toMillis(pod.metadata.deletionTimestamp),
    labels: pod.metadata.labels ?? {},
    owner: controllerOf(pod.metadata),
    conditions: (status.conditions ?? []).map(toCondition),
    containers: [
      ...(spec.initContainers ?? []).map((c) => toContainer(c.name, c.image ?? '', true, byName(status.initContainerStatuses, c.name))),
      ...(spec.containers ?? []).map((c) => toContainer(c.name, c.image ?? '', false, byName(status.containerStatuses, c.name))),
    ],
    volumes: (spec.volumes ?? []).map((v) => ({
      name: v.name,
      pvcClaimName: v.persistentVolumeClaim?.claimName ?? null,
      kind: Object.keys(v).find((k) => k !== 'name') ?? 'unknown',
    })),
    nominatedNodeName: status.nominatedNodeName ?? null,
  };
}

const NETWORK_ANNOTATION = /^(flannel\.alpha\.coreos\.com|projectcalico\.org)\//;

/** The network plugins' node annotations (backend type, tunnel addresses), nothing else. */
function networkEntries(annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations).filter(([key]) => NETWORK_ANNOTATION.test(key)));
}

/** kubectl's ROLES (node-role.kubernetes.io/*, kubernetes.io/role), else Magnum's role label. */
export function toKNode(node: WireNode): KNode {
  const labels = node.metadata.labels ?? {};
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith('node-role.kubernetes.io/')) roles.add(key.slice('node-role.kubernetes.io/'.length) || value);
    if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  const magnumRole = labels['magnum.openstack.org/role'];
  if (roles.size === 0 && magnumRole) roles.add(magnumRole);
  const info = node.status?.nodeInfo;
  return {
    name: node.metadata.name,
    labels,
    roles: [...roles].sort(),
    unschedulable: node.spec?.unschedulable ?? false,
    conditions: (node.status?.conditions ?? []).map(toCondition),
    networkAnnotations: networkEntries(node.metadata.annotations ?? {}),
    kernelVersion: info?.kernelVersion ?? null,
    kubeletVersion: info?.kubeletVersion ?? null,
    osImage: info?.osImage ?? null,
    internalIP: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? null,
    createdAt: toMillis(node.metadata.creationTimestamp),
  };
}

/** An event, from the core/v1 fields or an events.k8s.io series. */
export function toKEvent(e: WireEvent): KEvent {
  const firstSeen = toMillis(e.firstTimestamp) ?? toMillis(e.eventTime) ?? toMillis(e.metadata.creationTimestamp);
  return {
    namespace: e.metadata.namespace ?? 'default',
    name: e.metadata.name,
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    involvedKind: e.involvedObject?.kind ?? '',
    involvedName: e.involvedObject?.name ?? '',
    involvedNamespace: e.involvedObject?.namespace ?? null,
    count: e.series?.count ?? e.count ?? 1,
    firstSeen,
    lastSeen: toMillis(e.series?.lastObservedTime) ?? toMillis(e.lastTimestamp) ?? toMillis(e.eventTime) ?? firstSeen,
    source: e.source?.component ?? e.reportingComponent ?? null,
  };
}
