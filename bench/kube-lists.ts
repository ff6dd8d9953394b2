/** Synthetic Kubernetes API lists for benchmarks: a large cluster with a few per cent of problem pods. */

export interface ClusterSize {
  pods: number;
  nodes: number;
  namespaces: number;
  /** Events per pod, on average. */
  eventsPerPod: number;
}

const T0 = Date.parse('2026-11-21T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const meta = (name: string, namespace: string | null, extra: object = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `${namespace ?? 'cluster'}-${name}`,
  creationTimestamp: iso(T0),
  ...extra,
});

function pod(i: number, size: ClusterSize): object {
  const namespace = `ns-${i % size.namespaces}`;
  const deployment = `app-${Math.floor(i / 5)}`;
  const problem = i % 50 === 7 ? 'CrashLoopBackOff' : i % 97 === 3 ? 'ImagePullBackOff' : null;
  const waiting = problem
    ? {
        waiting: {
          reason: problem,
          message:
            problem === 'CrashLoopBackOff'
              ? 'back-off 5m0s restarting failed container'
              : 'Back-off pulling image "registry.example/app:nope"',
        },
      }
    : null;
  return {
    metadata: meta(`${deployment}-5d78c9869d-${i.toString(36).padStart(5, '0')}`, namespace, {
      labels: { app: deployment },
      ownerReferences: [{ kind: 'ReplicaSet', name: `${deployment}-5d78c9869d`, controller: true }],
    }),
    spec: { nodeName: `node-${i % size.nodes}`, containers: [{ name: 'app', image: 'registry.example/app:1.0' }] },
    status: {
      phase: problem ? 'Pending' : 'Running',
      podIP: `10.100.${Math.floor(i / 250)}.${i % 250}`,
      conditions: [{ type: 'Ready', status: problem ? 'False' : 'True', lastTransitionTime: iso(T0) }],
      containerStatuses: [
        {
          name: 'app',
          image: 'registry.example/app:1.0',
          ready: problem === null,
          restartCount: problem === 'CrashLoopBackOff' ? 12 : 0,
          state: waiting ?? { running: { startedAt: iso(T0) } },
          lastState:
            problem === 'CrashLoopBackOff' ? { terminated: { exitCode: 1, reason: 'Error', finishedAt: iso(T0 + 3_600_000) } } : {},
        },
      ],
    },
  };
}

function node(i: number): object {
  return {
    metadata: meta(`node-${i}`, null, { labels: { 'kubernetes.io/hostname': `node-${i}` } }),
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastTransitionTime: iso(T0) }],
      addresses: [{ type: 'InternalIP', address: `10.0.${Math.floor(i / 250)}.${i % 250}` }],
      nodeInfo: { kernelVersion: '6.5.6-300.fc39.x86_64', kubeletVersion: 'v1.27.4', osImage: 'Fedora CoreOS 39' },
    },
  };
}

function event(i: number, size: ClusterSize): object {
  const p = i % size.pods;
  const namespace = `ns-${p % size.namespaces}`;
  const warning = i % 10 === 0;
  return {
    metadata: meta(`ev-${i}`, namespace),
    type: warning ? 'Warning' : 'Normal',
    reason: warning ? 'BackOff' : 'Pulled',
    message: warning ? 'Back-off restarting failed container' : 'Container image already present on machine',
    count: 1 + (i % 5),
    firstTimestamp: iso(T0),
    lastTimestamp: iso(T0 + (i % 3600) * 1000),
    involvedObject: { kind: 'Pod', name: `app-${Math.floor(p / 5)}-5d78c9869d-${p.toString(36).padStart(5, '0')}`, namespace },
    source: { component: 'kubelet', host: `node-${p % size.nodes}` },
  };
}

function workloads(size: ClusterSize): { deployments: object[]; replicasets: object[] } {
  const deployments: object[] = [];
  const replicasets: object[] = [];
  for (let d = 0; d < Math.ceil(size.pods / 5); d++) {
    const namespace = `ns-${(d * 5) % size.namespaces}`;
    const status = { replicas: 5, readyReplicas: 5, availableReplicas: 5, updatedReplicas: 5 };
    deployments.push({ metadata: meta(`app-${d}`, namespace), spec: { replicas: 5 }, status });
    replicasets.push({
      metadata: meta(`app-${d}-5d78c9869d`, namespace, { ownerReferences: [{ kind: 'Deployment', name: `app-${d}`, controller: true }] }),
      spec: { replicas: 5 },
      status,
    });
  }
  return { deployments, replicasets };
}

/** Every list the bot reads, by API path (cluster-wide), as the API server would serve them. */
export function buildLists(size: ClusterSize): Map<string, object[]> {
  const { deployments, replicasets } = workloads(size);
  return new Map<string, object[]>([
    ['/api/v1/namespaces', Array.from({ length: size.namespaces }, (_, i) => ({ metadata: meta(`ns-${i}`, null) }))],
    ['/api/v1/nodes', Array.from({ length: size.nodes }, (_, i) => node(i))],
    ['/api/v1/pods', Array.from({ length: size.pods }, (_, i) => pod(i, size))],
    ['/api/v1/events', Array.from({ length: Math.round(size.pods * size.eventsPerPod) }, (_, i) => event(i, size))],
    ['/apis/apps/v1/deployments', deployments],
    ['/apis/apps/v1/replicasets', replicasets],
  ]);
}
