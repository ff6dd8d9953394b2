import { iso } from './kube-names.js';
import type { ContainerState, ContainerStatus, OwnerReference, PodCondition, SimPod, SimVolume } from './kube-types.js';

/** What a container is doing, in the few shapes the scenarios need. */
export type ContainerPlan =
  | { state: 'running'; ready?: boolean }
  | { state: 'waiting'; reason: string; message?: string }
  | { state: 'terminated'; reason: string; exitCode: number; finishedAgoMs?: number };

export interface ContainerSpecPlan {
  name: string;
  image: string;
  plan: ContainerPlan;
  restartCount?: number;
  /** The previous instance's termination (CrashLoopBackOff, OOMKilled). */
  lastTerminated?: { reason: string; exitCode: number; finishedAt: number; startedAt: number };
  ports?: { containerPort: number; name?: string; protocol: 'TCP' | 'UDP' }[];
}

export interface PodPlan {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  owner?: OwnerReference;
  createdAt: number;
  /** null: never scheduled (no scheduler, or unschedulable). */
  node: { name: string; ip: string } | null;
  podIP?: string;
  containers: ContainerSpecPlan[];
  initContainers?: ContainerSpecPlan[];
  volumes?: SimVolume[];
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  hostNetwork?: boolean;
  annotations?: Record<string, string>;
  serviceAccountName?: string;
}

/** Builds a Pod object whose phase, conditions and statuses agree with the container plans. */
export function buildPod(plan: PodPlan): SimPod {
  const created = iso(plan.createdAt);
  const started = iso(plan.createdAt + 2000);
  const statuses = plan.containers.map((c) => containerStatus(c, plan.createdAt));
  const initStatuses = plan.initContainers?.map((c) => containerStatus(c, plan.createdAt));
  const allReady = statuses.every((s) => s.ready);
  const anyRunning = statuses.some((s) => s.state.running);
  const allTerminated = statuses.every((s) => s.state.terminated);
  const phase =
    plan.phase ??
    (plan.node === null
      ? 'Pending'
      : allTerminated
        ? statuses.every((s) => s.state.terminated?.exitCode === 0)
          ? 'Succeeded'
          : 'Failed'
        : anyRunning || statuses.some((s) => s.restartCount > 0)
          ? 'Running'
          : 'Pending');
  const cond = (type: string, ok: boolean, reason?: string): PodCondition => ({
    type,
    status: ok ? 'True' : 'False',
    ...(ok || !reason ? {} : { reason }),
    lastProbeTime: null,
    lastTransitionTime: ok ? started : created,
  });
  const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
  const readyReason = phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady';
  const conditions: PodCondition[] =
    plan.node === null
      ? []
      : [
          cond('Initialized', initStatuses?.every((s) => s.state.terminated?.exitCode === 0) ?? true, 'ContainersNotInitialized'),
          {
            ...cond('Ready', allReady, readyReason),
            ...(allReady ? {} : { message: `containers with unready status: [${notReady.join(' ')}]` }),
          },
          {
            ...cond('ContainersReady', allReady, readyReason),
            ...(allReady ? {} : { message: `containers with unready status: [${notReady.join(' ')}]` }),
          },
          cond('PodScheduled', true),
        ];
  const podIP = plan.podIP ?? (plan.hostNetwork ? plan.node?.ip : undefined);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      uid: '',
      creationTimestamp: created,
      labels: plan.labels,
      ...(plan.annotations ? { annotations: plan.annotations } : {}),
      ...(plan.owner ? { ownerReferences: [plan.owner] } : {}),
    },
    spec: {
      ...(plan.node ? { nodeName: plan.node.name } : {}),
      containers: plan.containers.map((c) => ({
        name: c.name,
        image: c.image,
        imagePullPolicy: 'IfNotPresent',
        ...(c.ports ? { ports: c.ports } : {}),
      })),
      ...(plan.initContainers ? { initContainers: plan.initContainers.map((c) => ({ name: c.name, image: c.image })) } : {}),
      ...(plan.volumes ? { volumes: plan.volumes } : {}),
      restartPolicy: plan.owner?.kind === 'Job' ? 'OnFailure' : 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: plan.serviceAccountName ?? 'default',
      ...(plan.hostNetwork ? { hostNetwork: true } : {}),
    },
    status: {
      phase,
      conditions,
      ...(plan.node ? { hostIP: plan.node.ip, startTime: created } : {}),
      ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
      qosClass: 'BestEffort',
      ...(plan.node && initStatuses ? { initContainerStatuses: initStatuses } : {}),
      ...(plan.node ? { containerStatuses: statuses } : {}),
    },
  };
}

function containerStatus(c: ContainerSpecPlan, createdAt: number): ContainerStatus {
  const p = c.plan;
  let state: ContainerState;
  if (p.state === 'running')
    state = { running: { startedAt: iso(c.lastTerminated ? c.lastTerminated.finishedAt + 1000 : createdAt + 5000) } };
  else if (p.state === 'waiting') state = { waiting: { reason: p.reason, ...(p.message ? { message: p.message } : {}) } };
  else {
    const finishedAt = createdAt + (p.finishedAgoMs ?? 30_000);
    state = { terminated: { exitCode: p.exitCode, reason: p.reason, startedAt: iso(createdAt + 3000), finishedAt: iso(finishedAt) } };
  }
  const lastState: ContainerState = c.lastTerminated
    ? {
        terminated: {
          exitCode: c.lastTerminated.exitCode,
          reason: c.lastTerminated.reason,
          startedAt: iso(c.lastTerminated.startedAt),
          finishedAt: iso(c.lastTerminated.finishedAt),
        },
      }
    : {};
  const pulled = !(p.state === 'waiting' && (p.reason === 'ContainerCreating' || /Image|Pull/.test(p.reason)));
  return {
    name: c.name,
    image: c.image,
    imageID: pulled
      ? `${c.image.split(':')[0]}@sha256:${'0'.repeat(8)}${Buffer.from(c.image).toString('hex').slice(0, 56).padEnd(56, '0')}`
      : '',
    ready: p.state === 'running' && p.ready !== false,
    started: p.state === 'running',
    restartCount: c.restartCount ?? 0,
    state,
    lastState,
    ...(p.state === 'running' || p.state === 'terminated'
      ? {
          containerID: `containerd://${Buffer.from(c.name + createdAt)
            .toString('hex')
            .slice(0, 64)
            .padEnd(64, 'a')}`,
        }
      : {}),
  };
}
