import { scenarioFor } from '../scenarios.js';
import { stackSuffix } from '../kube/kube-names.js';
import { CAPI_STEPS, capiApiLoadBalancerName, capiClusterName, capiStall, isCapi } from './capi-model.js';
import { createTiming, DELETE_DURATION_MS } from './cluster-lifecycle.js';
import { newHexId, newUuid, shortId, stableUuid } from './ids.js';
import { imageOf } from './image-model.js';
import type { SimCluster, SimLoadBalancer, SimState, SimTemplate } from './sim-state.js';

/** What a create request settles to once defaults from the template are applied. */
export interface ClusterSpec {
  name: string;
  template: SimTemplate;
  keypair: string | null;
  nodeCount: number;
  masterCount: number;
  dockerVolumeSize: number | null;
  labels: Record<string, string> | null;
  mergeLabels: boolean;
  flavorId: string | null;
  masterFlavorId: string | null;
  createTimeout: number;
  floatingIpEnabled: boolean | null;
  projectId: string;
  userId: string;
}

function labelsFor(template: Record<string, string>, given: Record<string, string> | null, merge: boolean) {
  if (given === null) return { labels: { ...template }, added: {}, overridden: {}, skipped: {} };
  const labels = merge ? { ...template, ...given } : { ...given };
  const added = Object.fromEntries(Object.entries(given).filter(([k]) => !(k in template)));
  const overridden = Object.fromEntries(Object.entries(given).filter(([k, v]) => k in template && template[k] !== v));
  const skipped = merge ? {} : Object.fromEntries(Object.entries(template).filter(([k]) => !(k in given)));
  return { labels, added, overridden, skipped };
}

function heatLoadBalancer(cluster: SimCluster, part: 'api_lb' | 'etcd_lb', vip: string, at: number): SimLoadBalancer {
  const nested = `${cluster.stackName}-${part}-${shortId(`${cluster.uuid}-${part}`)}`;
  return {
    id: stableUuid(`${cluster.uuid}-lb-${part}`),
    name: `${nested}-loadbalancer-${shortId(`${cluster.uuid}-${part}/loadbalancer`)}`,
    description: '',
    projectId: cluster.projectId,
    vipSubnetId: cluster.subnetId,
    vipNetworkId: cluster.networkId,
    vipAddress: vip,
    vipPortId: stableUuid(`${cluster.uuid}-lb-${part}-vip`),
    listenerIds: [stableUuid(`${cluster.uuid}-lb-${part}-listener`)],
    poolIds: [stableUuid(`${cluster.uuid}-lb-${part}-pool`)],
    createdAt: at,
    heatClusterId: cluster.uuid,
    deleteRequestedAt: null,
    goneAt: null,
  };
}

/**
 * Heat stack names must be unique. The first cluster of a name gets the name the Kubernetes
 * side derives its node names from (`<name>-<stackSuffix(name)>`), so Magnum's
 * health_status_reason keys match real node names; a duplicate name falls back to its uuid.
 */
function stackNameFor(state: SimState, name: string, uuid: string): string {
  const preferred = `${name}-${stackSuffix(name)}`;
  return state.clusters.some((c) => c.stackName === preferred) ? `${name}-${shortId(uuid)}` : preferred;
}

/** The API load balancer Cluster API Provider OpenStack creates in front of the control plane. */
function capiLoadBalancer(cluster: SimCluster, at: number): SimLoadBalancer {
  return {
    id: stableUuid(`${cluster.uuid}-capo-lb`),
    name: capiApiLoadBalancerName(cluster),
    description: `Created by cluster-api-provider-openstack cluster ${cluster.stackId}`,
    projectId: cluster.projectId,
    vipSubnetId: cluster.subnetId,
    vipNetworkId: cluster.networkId,
    vipAddress: '10.0.0.5',
    vipPortId: stableUuid(`${cluster.uuid}-capo-lb-vip`),
    listenerIds: [stableUuid(`${cluster.uuid}-capo-listener`)],
    poolIds: [stableUuid(`${cluster.uuid}-capo-pool`)],
    createdAt: at,
    heatClusterId: cluster.uuid,
    deleteRequestedAt: null,
    goneAt: null,
    ...(cluster.scenario === 'capi-lb-no-address' ? { provisioningError: true as const } : {}),
  };
}

/** Adds a cluster whose create starts at `at` (in the past for seeded clusters) with its Heat LBs. */
export function addCluster(state: SimState, spec: ClusterSpec, at: number): SimCluster {
  const uuid = newUuid();
  const { labels, added, overridden, skipped } = labelsFor(spec.template.labels, spec.labels, spec.mergeLabels);
  const named = scenarioFor(spec.name, labels);
  // Catalyst known issue 2: a docker volume (the cluster's, or the template's it inherits) with overlay2 breaks pods.
  const overlay2Volume = (spec.dockerVolumeSize ?? 0) > 0 && spec.template.dockerStorageDriver === 'overlay2';
  const scenario = named === 'healthy' && overlay2Volume ? 'docker-volume-overlay2' : named;
  const driver = spec.template.driver;
  const stackId = isCapi(driver) ? capiClusterName(driver, spec.name, uuid) : newUuid();
  const cluster: SimCluster = {
    uuid,
    name: spec.name,
    projectId: spec.projectId,
    userId: spec.userId,
    templateId: spec.template.uuid,
    keypair: spec.keypair,
    nodeCount: spec.nodeCount,
    masterCount: spec.masterCount,
    dockerVolumeSize: spec.dockerVolumeSize,
    labels,
    labelsAdded: added,
    labelsOverridden: overridden,
    labelsSkipped: skipped,
    mergeLabels: spec.mergeLabels,
    masterFlavorId: spec.masterFlavorId,
    flavorId: spec.flavorId,
    createTimeout: spec.createTimeout,
    discoveryUrl: `https://discovery.etcd.io/${newHexId()}`,
    floatingIpEnabled: spec.floatingIpEnabled ?? spec.template.floatingIpEnabled,
    masterLbEnabled: spec.template.masterLbEnabled,
    scenario,
    driver,
    kubeVersion: labels['kube_tag'] ?? imageOf(spec.template.imageId).kubeVersion ?? 'v1.27.4',
    stackId,
    stackName: isCapi(driver) ? stackId : stackNameFor(state, spec.name, uuid),
    networkId: newUuid(),
    subnetId: newUuid(),
    createdAt: at,
    ops: [{ kind: 'create', at, ...createTiming(scenario, driver) }],
    masterNodegroupId: newUuid(),
    workerNodegroupId: newUuid(),
    ca: null,
    kube: null,
    kubeStarting: null,
    kubeNodeCount: null,
    extraLbId: null,
  };
  state.clusters.push(cluster);
  if (isCapi(driver)) {
    if (capiStall(scenario) !== 'network') state.loadBalancers.push(capiLoadBalancer(cluster, at + CAPI_STEPS.loadBalancerAt));
  } else if (cluster.masterLbEnabled) {
    state.loadBalancers.push(heatLoadBalancer(cluster, 'api_lb', '10.0.0.5', at + 120_000));
    state.loadBalancers.push(heatLoadBalancer(cluster, 'etcd_lb', '10.0.0.6', at + 180_000));
  }
  return cluster;
}

/**
 * Starts a delete at `now`: Heat (or Cluster API) tears the cluster's own load balancers down
 * first; magnum-cluster-api also deletes the Services' load balancers described as "from
 * cluster <uuid>" (utils.py delete_loadbalancers), magnum-capi-helm does not.
 */
export function startDelete(state: SimState, cluster: SimCluster, now: number): void {
  cluster.ops.push({ kind: 'delete', at: now, durationMs: DELETE_DURATION_MS });
  const servicePattern = new RegExp(`^Kubernetes .+ from cluster ${cluster.uuid}$`);
  for (const lb of state.loadBalancers) {
    const own = lb.heatClusterId === cluster.uuid;
    const deletedByDriver = cluster.driver === 'magnum-cluster-api' && servicePattern.test(lb.description);
    if ((!own && !deletedByDriver) || lb.goneAt !== null) continue;
    lb.deleteRequestedAt = now;
    lb.goneAt = now + DELETE_DURATION_MS / 2;
  }
}

/** The LoadBalancer Service's Octavia LB, named as cloud-provider-openstack names it. */
export function serviceLoadBalancer(cluster: SimCluster, namespace: string, service: string, at: number): SimLoadBalancer {
  // Magnum runs the cloud controller manager with --cluster-name=<cluster uuid>; the capi-helm charts use the release name.
  const clusterName = cluster.driver === 'magnum-capi-helm' ? cluster.stackId : cluster.uuid;
  return {
    id: stableUuid(`${cluster.uuid}-svc-${namespace}-${service}`),
    name: `kube_service_${clusterName}_${namespace}_${service}`,
    description: `Kubernetes external service ${namespace}/${service} from cluster ${clusterName}`,
    projectId: cluster.projectId,
    vipSubnetId: cluster.subnetId,
    vipNetworkId: cluster.networkId,
    vipAddress: '10.0.0.100',
    vipPortId: stableUuid(`${cluster.uuid}-svc-${namespace}-${service}-vip`),
    listenerIds: [stableUuid(`${cluster.uuid}-svc-${service}-listener`)],
    poolIds: [stableUuid(`${cluster.uuid}-svc-${service}-pool`)],
    createdAt: at,
    heatClusterId: null,
    deleteRequestedAt: null,
    goneAt: null,
  };
}
