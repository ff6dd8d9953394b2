import { addServiceFor } from './base-cluster.js';
import { masterNode, workerNode, type ClusterContext } from './cluster-context.js';
import { suffix } from './kube-names.js';
import type { SimPod } from './kube-types.js';
import { buildNamespace, buildNode, nodeLookOf, type SimNode } from './object-builders.js';
import { buildPod } from './pod-builder.js';
import { eventsFor } from './scenarios/scenario-events.js';
import { addWorkload, ownerRef } from './workload-builder.js';
import { deletePod } from './workload-ops.js';
import { refreshWorkloadStatus } from './workload-status.js';

/** A Magnum upgrade done: the API server and every node's kubelet and kube-proxy report `version`. */
export function setKubeVersion(ctx: ClusterContext, version: string): void {
  ctx.kubeVersion = version;
  for (const node of ctx.store.list('nodes')) {
    const status = node['status'] as { nodeInfo?: Record<string, string> } | undefined;
    if (status?.nodeInfo) status.nodeInfo = { ...status.nodeInfo, kubeletVersion: version, kubeProxyVersion: version };
    ctx.store.put('nodes', node);
  }
}

/** Grows or shrinks the node lists (a Magnum resize): new nodes join Ready with their DaemonSet pods. */
export function setNodeCount(ctx: ClusterContext, masters: number, workers: number, now: number): void {
  resize(ctx, ctx.masters, masters, (i) => masterNode(ctx.prefix, i), now);
  resize(ctx, ctx.workers, workers, (i) => workerNode(ctx.prefix, i), now);
}

function resize(ctx: ClusterContext, nodes: SimNode[], count: number, make: (i: number) => SimNode, now: number): void {
  const look = nodeLookOf(ctx.store.list('nodes')[0]);
  while (nodes.length < count) {
    const node = make(nodes.length);
    nodes.push(node);
    ctx.store.put('nodes', buildNode(node, { ...look, kubeletVersion: ctx.kubeVersion, createdAt: now }));
    addDaemonPods(ctx, node, now);
  }
  while (nodes.length > count) {
    const node = nodes.pop();
    if (!node) break;
    ctx.store.remove('nodes', undefined, node.name);
    for (const pod of ctx.store.list('pods') as SimPod[]) {
      if (pod.spec.nodeName !== node.name) continue;
      const kind = pod.metadata.ownerReferences?.[0]?.kind;
      if (kind === 'DaemonSet' || kind === 'Node') ctx.store.remove('pods', pod.metadata.namespace, pod.metadata.name);
      else deletePod(ctx, pod.metadata.namespace ?? 'default', pod.metadata.name, now);
    }
    for (const ds of ctx.store.list('daemonsets')) refreshWorkloadStatus(ctx.store, ds);
  }
}

/** Adds a pod of every DaemonSet that already runs on a node of the same role. */
function addDaemonPods(ctx: ClusterContext, node: SimNode, now: number): void {
  const sameRole = new Set((node.role === 'master' ? ctx.masters : ctx.workers).map((n) => n.name));
  const pods = ctx.store.list('pods') as SimPod[];
  for (const ds of ctx.store.list('daemonsets')) {
    const sample = pods.find(
      (p) => p.metadata.ownerReferences?.some((o) => o.uid === ds.metadata.uid) && sameRole.has(p.spec.nodeName ?? ''),
    );
    if (!sample) continue;
    const hostNetwork = sample.spec['hostNetwork'] === true;
    ctx.store.put(
      'pods',
      buildPod({
        namespace: ds.metadata.namespace ?? 'kube-system',
        name: `${ds.metadata.name}-${suffix(`${ds.metadata.name}/${node.name}`, 5)}`,
        labels: sample.metadata.labels ?? {},
        owner: ownerRef(ds),
        createdAt: now,
        node,
        ...(hostNetwork ? { hostNetwork: true } : { podIP: ctx.nextPodIp() }),
        containers: sample.spec.containers.map((c) => ({ name: c.name, image: c.image, plan: { state: 'running' } })),
      }),
    );
    refreshWorkloadStatus(ctx.store, ds);
  }
}

/** A user's LoadBalancer Service (and its Deployment), as the cloud controller reports it once ensured. */
export function addLoadBalancerService(ctx: ClusterContext, namespace: string, name: string, now: number, externalIp: string): void {
  if (!ctx.store.get('namespaces', undefined, namespace)) ctx.store.put('namespaces', buildNamespace(namespace, now));
  const labels = { app: name };
  const pods = addWorkload(ctx, {
    kind: 'Deployment',
    namespace,
    name,
    labels,
    replicas: 2,
    createdAt: now,
    containers: [{ name, image: 'docker.io/library/nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
  });
  addServiceFor(
    ctx,
    {
      namespace,
      name,
      selector: labels,
      ports: [{ port: 80, protocol: 'TCP' }],
      clusterIP: ctx.nextClusterIp(),
      type: 'LoadBalancer',
      createdAt: now,
      loadBalancerIP: externalIp,
    },
    pods,
  );
  const service = ctx.store.get('services', namespace, name);
  if (service) {
    (service['spec'] as Record<string, unknown>)['ports'] = [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30000 + (now % 2000) }];
    eventsFor(ctx, service, [
      { reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer', component: 'service-controller', at: now },
      { reason: 'EnsuredLoadBalancer', message: 'Ensured load balancer', component: 'service-controller', at: now + 90_000 },
    ]);
  }
}
