import type { ClusterContext } from './cluster-context.js';
import { buildNamespace, buildNode, buildService, buildEndpoints, buildConfigMap, type ServicePlan } from './object-builders.js';
import { buildPod } from './pod-builder.js';
import { addWorkload } from './workload-builder.js';
import type { SimPod } from './kube-types.js';
import { isPodReady } from './workload-status.js';

export interface BaseOptions {
  network: 'calico' | 'flannel';
  kernelVersion: string;
  osImage: string;
}

const MIN = 60_000;

/** Nodes, namespaces and the kube-system add-ons Magnum's fedora-coreos driver deploys, all healthy. */
export function buildBaseCluster(ctx: ClusterContext, options: BaseOptions): void {
  const { store, createdAt } = ctx;
  const provider = 'registry.k8s.io/provider-os';
  for (const node of [...ctx.masters, ...ctx.workers]) {
    store.put(
      'nodes',
      buildNode(node, { ...options, kubeletVersion: ctx.kubeVersion, createdAt: createdAt + (node.role === 'master' ? 4 : 7) * MIN }),
    );
  }
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    store.put('namespaces', buildNamespace(ns, createdAt + 3 * MIN));
  const allNodes = [...ctx.masters, ...ctx.workers];
  const sys = 'kube-system';
  for (const master of ctx.masters) {
    for (const component of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      store.put('pods', staticPod(ctx, component, master.name, master.ip));
    }
  }
  if (options.network === 'calico') {
    addWorkload(ctx, {
      kind: 'DaemonSet',
      namespace: sys,
      name: 'calico-node',
      labels: { 'k8s-app': 'calico-node' },
      nodes: allNodes,
      hostNetwork: true,
      createdAt: createdAt + 8 * MIN,
      containers: [{ name: 'calico-node', image: 'quay.io/calico/node:v3.21.2' }],
    });
    addWorkload(ctx, {
      kind: 'Deployment',
      namespace: sys,
      name: 'calico-kube-controllers',
      labels: { 'k8s-app': 'calico-kube-controllers' },
      createdAt: createdAt + 8 * MIN,
      containers: [{ name: 'calico-kube-controllers', image: 'quay.io/calico/kube-controllers:v3.21.2' }],
    });
  } else {
    store.put(
      'configmaps',
      buildConfigMap(sys, 'kube-flannel-cfg', flannelConfig(), createdAt + 8 * MIN, { app: 'flannel', tier: 'node' }),
    );
    addWorkload(ctx, {
      kind: 'DaemonSet',
      namespace: sys,
      name: 'kube-flannel-ds',
      labels: { app: 'flannel', tier: 'node' },
      nodes: allNodes,
      hostNetwork: true,
      createdAt: createdAt + 8 * MIN,
      containers: [{ name: 'kube-flannel', image: 'quay.io/coreos/flannel:v0.15.1' }],
    });
  }
  addWorkload(ctx, {
    kind: 'DaemonSet',
    namespace: sys,
    name: 'openstack-cloud-controller-manager',
    labels: { 'k8s-app': 'openstack-cloud-controller-manager' },
    nodes: ctx.masters,
    hostNetwork: true,
    createdAt: createdAt + 8 * MIN,
    containers: [{ name: 'openstack-cloud-controller-manager', image: `${provider}/openstack-cloud-controller-manager:v1.27.1` }],
  });
  addWorkload(ctx, {
    kind: 'DaemonSet',
    namespace: sys,
    name: 'k8s-keystone-auth',
    labels: { 'k8s-app': 'k8s-keystone-auth' },
    nodes: ctx.masters,
    hostNetwork: true,
    createdAt: createdAt + 8 * MIN,
    containers: [{ name: 'k8s-keystone-auth', image: `${provider}/k8s-keystone-auth:v1.27.1` }],
  });
  const coredns = addWorkload(ctx, {
    kind: 'Deployment',
    namespace: sys,
    name: 'coredns',
    labels: { 'k8s-app': 'kube-dns' },
    replicas: 1,
    createdAt: createdAt + 9 * MIN,
    containers: [
      {
        name: 'coredns',
        image: 'registry.k8s.io/coredns/coredns:v1.10.1',
        ports: [
          { containerPort: 53, name: 'dns', protocol: 'UDP' },
          { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
        ],
      },
    ],
  });
  addServiceFor(
    ctx,
    {
      namespace: sys,
      name: 'kube-dns',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53 },
      ],
      clusterIP: '10.254.0.10',
      labels: { 'k8s-app': 'kube-dns' },
      createdAt: createdAt + 9 * MIN,
    },
    coredns,
  );
  addWorkload(ctx, {
    kind: 'Deployment',
    namespace: sys,
    name: 'kube-dns-autoscaler',
    labels: { 'k8s-app': 'kube-dns-autoscaler' },
    createdAt: createdAt + 9 * MIN,
    containers: [{ name: 'autoscaler', image: 'registry.k8s.io/cpa/cluster-proportional-autoscaler:1.8.4' }],
  });
  const dashboard = addWorkload(ctx, {
    kind: 'Deployment',
    namespace: sys,
    name: 'kubernetes-dashboard',
    labels: { 'k8s-app': 'kubernetes-dashboard' },
    createdAt: createdAt + 9 * MIN,
    containers: [
      { name: 'kubernetes-dashboard', image: 'kubernetesui/dashboard:v2.0.0', ports: [{ containerPort: 8443, protocol: 'TCP' }] },
    ],
  });
  addServiceFor(
    ctx,
    {
      namespace: sys,
      name: 'kubernetes-dashboard',
      selector: { 'k8s-app': 'kubernetes-dashboard' },
      ports: [{ port: 443, targetPort: 8443 }],
      clusterIP: ctx.nextClusterIp(),
      labels: { 'k8s-app': 'kubernetes-dashboard' },
      createdAt: createdAt + 9 * MIN,
    },
    dashboard,
  );
  addWorkload(ctx, {
    kind: 'Deployment',
    namespace: sys,
    name: 'dashboard-metrics-scraper',
    labels: { 'k8s-app': 'dashboard-metrics-scraper' },
    createdAt: createdAt + 9 * MIN,
    containers: [{ name: 'dashboard-metrics-scraper', image: 'kubernetesui/metrics-scraper:v1.0.4' }],
  });
  const metrics = addWorkload(ctx, {
    kind: 'Deployment',
    namespace: sys,
    name: 'magnum-metrics-server',
    labels: { app: 'metrics-server', release: 'magnum-metrics-server' },
    createdAt: createdAt + 10 * MIN,
    containers: [
      {
        name: 'metrics-server',
        image: 'registry.k8s.io/metrics-server/metrics-server:v0.6.4',
        ports: [{ containerPort: 8443, name: 'https', protocol: 'TCP' }],
      },
    ],
  });
  addServiceFor(
    ctx,
    {
      namespace: sys,
      name: 'magnum-metrics-server',
      selector: { app: 'metrics-server', release: 'magnum-metrics-server' },
      ports: [{ name: 'https', port: 443, targetPort: 8443 }],
      clusterIP: ctx.nextClusterIp(),
      createdAt: createdAt + 10 * MIN,
    },
    metrics,
  );
  addWorkload(ctx, {
    kind: 'StatefulSet',
    namespace: sys,
    name: 'csi-cinder-controllerplugin',
    labels: { app: 'csi-cinder-controllerplugin' },
    replicas: 1,
    createdAt: createdAt + 10 * MIN,
    containers: [{ name: 'cinder-csi-plugin', image: `${provider}/cinder-csi-plugin:v1.27.1` }],
  });
  addWorkload(ctx, {
    kind: 'DaemonSet',
    namespace: sys,
    name: 'csi-cinder-nodeplugin',
    labels: { app: 'csi-cinder-nodeplugin' },
    hostNetwork: true,
    createdAt: createdAt + 10 * MIN,
    containers: [{ name: 'cinder-csi-plugin', image: `${provider}/cinder-csi-plugin:v1.27.1` }],
  });
  addWorkload(ctx, {
    kind: 'DaemonSet',
    namespace: sys,
    name: 'npd',
    labels: { app: 'node-problem-detector' },
    createdAt: createdAt + 10 * MIN,
    containers: [{ name: 'node-problem-detector', image: 'registry.k8s.io/node-problem-detector/node-problem-detector:v0.8.13' }],
  });
  const apiService: ServicePlan = {
    namespace: 'default',
    name: 'kubernetes',
    selector: null,
    ports: [{ name: 'https', port: 443, targetPort: 6443 }],
    clusterIP: '10.254.0.1',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    createdAt: createdAt + 4 * MIN,
  };
  store.put('services', buildService(apiService));
  store.put(
    'endpoints',
    buildEndpoints(
      apiService,
      ctx.masters.map((m) => ({ ip: m.ip })),
      [],
    ),
  );
}

/** A Service and the Endpoints its selected pods give it. */
export function addServiceFor(ctx: ClusterContext, plan: ServicePlan, pods: SimPod[]): void {
  ctx.store.put('services', buildService(plan));
  const address = (p: SimPod) => ({
    ip: p.status.podIP ?? '',
    ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
    targetRef: { kind: 'Pod' as const, namespace: plan.namespace, name: p.metadata.name },
  });
  const withIp = pods.filter((p) => p.status.podIP);
  ctx.store.put(
    'endpoints',
    buildEndpoints(plan, withIp.filter(isPodReady).map(address), withIp.filter((p) => !isPodReady(p)).map(address)),
  );
}

function staticPod(ctx: ClusterContext, component: string, node: string, ip: string): SimPod {
  const pod = buildPod({
    namespace: 'kube-system',
    name: `${component}-${node}`,
    labels: { component, tier: 'control-plane' },
    owner: { apiVersion: 'v1', kind: 'Node', name: node, uid: '', controller: true },
    createdAt: ctx.createdAt + 5 * MIN,
    node: { name: node, ip },
    hostNetwork: true,
    containers: [{ name: component, image: `registry.k8s.io/${component}:${ctx.kubeVersion}`, plan: { state: 'running' } }],
    annotations: { 'kubernetes.io/config.source': 'file' },
  });
  pod.spec['priorityClassName'] = 'system-node-critical';
  return pod;
}

function flannelConfig(): Record<string, string> {
  return {
    'cni-conf.json': JSON.stringify(
      {
        name: 'cbr0',
        cniVersion: '0.3.1',
        plugins: [
          { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
          { type: 'portmap', capabilities: { portMappings: true } },
        ],
      },
      null,
      2,
    ),
    'net-conf.json': '{\n  "Network": "10.100.0.0/16",\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n',
  };
}
