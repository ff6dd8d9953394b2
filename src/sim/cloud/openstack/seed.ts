import { SCENARIO_NAMES } from '../scenarios.js';
import { addCluster } from './cluster-factory.js';
import { newUuid } from './ids.js';
import type { SimState, SimTemplate } from './sim-state.js';

const HOUR = 3_600_000;
const LABELS = { kube_tag: 'v1.27.4', container_runtime: 'containerd', cloud_provider_enabled: 'true' };

function template(state: SimState, name: string, dockerVolumeSize: number | null, at: number): SimTemplate {
  const project = state.projects[0];
  const user = state.users[0];
  const t: SimTemplate = {
    uuid: newUuid(),
    name,
    projectId: project?.id ?? '',
    userId: user?.id ?? '',
    imageId: 'fedora-coreos-38',
    flavorId: 'c1.c2r4',
    masterFlavorId: 'c1.c2r4',
    keypairId: null,
    externalNetworkId: state.externalNetworkId,
    networkDriver: 'calico',
    dockerVolumeSize,
    dockerStorageDriver: 'overlay2',
    labels: { ...LABELS },
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

/** Two templates and one cluster per scenario, named after it, already in its scenario's state. */
export function seedState(state: SimState): void {
  const now = state.clock.now();
  const overlay2 = template(state, 'k8s-1.27-overlay2', 20, now - 30 * 24 * HOUR);
  const noVolume = template(state, 'k8s-1.27-no-volume', null, now - 30 * 24 * HOUR);
  const project = state.projects[0];
  const user = state.users[0];
  for (const name of SCENARIO_NAMES) {
    const volume = name === 'docker-volume-overlay2';
    addCluster(
      state,
      {
        name,
        template: volume ? overlay2 : noVolume,
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
