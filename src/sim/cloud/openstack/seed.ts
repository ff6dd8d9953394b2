import { CAPI_SCENARIOS, SCENARIO_NAMES } from '../scenarios.js';
import { addCluster } from './cluster-factory.js';
import { newUuid } from './ids.js';
import { driverOfImage, imageOf } from './image-model.js';
import type { SimState, SimTemplate } from './sim-state.js';

const HOUR = 3_600_000;
const LABELS = { kube_tag: 'v1.27.4', container_runtime: 'containerd', cloud_provider_enabled: 'true' };

function template(
  state: SimState,
  name: string,
  dockerVolumeSize: number | null,
  at: number,
  imageId = 'fedora-coreos-38',
  labels: Record<string, string> = LABELS,
): SimTemplate {
  const project = state.projects[0];
  const user = state.users[0];
  const image = imageOf(imageId);
  const t: SimTemplate = {
    uuid: newUuid(),
    driver: driverOfImage(image),
    clusterDistro: image.osDistro,
    name,
    projectId: project?.id ?? '',
    userId: user?.id ?? '',
    imageId,
    flavorId: 'c1.c2r4',
    masterFlavorId: 'c1.c2r4',
    keypairId: null,
    externalNetworkId: state.externalNetworkId,
    networkDriver: 'calico',
    dockerVolumeSize,
    dockerStorageDriver: 'overlay2',
    labels: { ...labels },
    masterLbEnabled: true,
    floatingIpEnabled: true,
    tlsDisabled: false,
    isPublic: true,
    createdAt: at,
  };
  state.templates.push(t);
  return t;
}

/** How long before "now" each seeded cluster's create started, so it sits where its scenario leads. */
function startedAgo(name: string): number {
  if (name === 'slow-create') return HOUR / 6;
  return 2 * HOUR;
}

/** Cluster API templates: the chart version label is magnum-capi-helm's, kube_tag magnum-cluster-api's. */
const CAPI_HELM_LABELS = { capi_helm_chart_version: '0.10.1', monitoring_enabled: 'true' };
const CLUSTER_API_LABELS = { kube_tag: 'v1.30.4', audit_log_enabled: 'true' };

/**
 * Three Heat templates (the third an upgrade target), two templates per Cluster API driver (a Kubernetes version and the one an
 * upgrade moves to), and one cluster per scenario, named after it, already in its scenario's state.
 */
export function seedState(state: SimState): void {
  const now = state.clock.now();
  const month = now - 30 * 24 * HOUR;
  const overlay2 = template(state, 'k8s-1.27-overlay2', 20, month);
  const noVolume = template(state, 'k8s-1.27-no-volume', null, month);
  // The Heat driver's upgrade moves kube_tag to the new template's (magnum k8s_fedora_coreos_v1 upgrade_cluster).
  template(state, 'k8s-1.28-no-volume', null, month, 'fedora-coreos-38', { ...LABELS, kube_tag: 'v1.28.15' });
  const capiHelm = template(state, 'k8s-1.30-capi-helm', null, month, 'ubuntu-jammy-kube-v1.30.4', CAPI_HELM_LABELS);
  template(state, 'k8s-1.31-capi-helm', null, month, 'ubuntu-jammy-kube-v1.31.1', CAPI_HELM_LABELS);
  const clusterApi = template(state, 'k8s-1.30-cluster-api', null, month, 'ubuntu-2204-kube-v1.30.4', CLUSTER_API_LABELS);
  template(state, 'k8s-1.31-cluster-api', null, month, 'ubuntu-2204-kube-v1.31.1', { ...CLUSTER_API_LABELS, kube_tag: 'v1.31.1' });
  const project = state.projects[0];
  const user = state.users[0];
  // A project that runs a cluster per scenario has quotas to match (the defaults fit about two clusters).
  if (project) {
    project.quotas = { instances: 200, cores: 400, ram: 800 * 1024, router: 50, security_group: 100, floatingip: 200, ...project.quotas };
  }
  for (const name of SCENARIO_NAMES) {
    const volume = name === 'docker-volume-overlay2';
    const capi = CAPI_SCENARIOS[name];
    addCluster(
      state,
      {
        name,
        template: capi === 'magnum-capi-helm' ? capiHelm : capi === 'magnum-cluster-api' ? clusterApi : volume ? overlay2 : noVolume,
        keypair: 'demo-key',
        nodeCount: name === 'node-not-ready' ? 3 : 2,
        masterCount: 1,
        dockerVolumeSize: volume ? 20 : null,
        labels: null,
        mergeLabels: false,
        flavorId: 'c1.c2r4',
        masterFlavorId: 'c1.c2r4',
        createTimeout: 60,
        floatingIpEnabled: null,
        projectId: project?.id ?? '',
        userId: user?.id ?? '',
      },
      now - startedAgo(name),
    );
  }
}
