import type { ScenarioName } from '../scenarios.js';
import { buildBaseCluster } from './base-cluster.js';
import type { ClusterContext } from './cluster-context.js';
import { FCOS_LOOK } from './object-builders.js';
import { controlPlaneNotReady } from './scenarios/control-plane-not-ready.js';
import { crashLoop } from './scenarios/crash-loop.js';
import { dockerVolumeOverlay2 } from './scenarios/docker-volume-overlay2.js';
import { imagePull } from './scenarios/image-pull.js';
import { muranoApp } from './scenarios/murano-app.js';
import { kollaBootstrapVolume } from './scenarios/kolla-bootstrap-volume.js';
import { nodeNotReady } from './scenarios/node-not-ready.js';
import { rbdVolumeLocked } from './scenarios/rbd-volume-locked.js';
import { serviceNoEndpoints } from './scenarios/service-no-endpoints.js';

/** CentOS 7's kernel: vxlan needs 3.16+ (seed 002). */
export const OLD_KERNEL = { kernelVersion: '3.10.0-229.el7.x86_64', osImage: 'CentOS Linux 7 (Core)' } as const;

const EXTRA: Partial<Record<ScenarioName, (ctx: ClusterContext) => void>> = {
  'docker-volume-overlay2': dockerVolumeOverlay2,
  'crash-loop': crashLoop,
  'image-pull': imagePull,
  'node-not-ready': nodeNotReady,
  'service-no-endpoints': serviceNoEndpoints,
  'kolla-bootstrap-volume': kollaBootstrapVolume,
  'rbd-volume-locked': rbdVolumeLocked,
  'control-plane-not-ready': controlPlaneNotReady,
  'lb-blocks-delete': muranoApp,
};

/**
 * Fills the store with what a real cluster in `scenario` shows. Scenarios without a
 * Kubernetes symptom (healthy, slow-create, create-failed) get the healthy cluster,
 * lb-blocks-delete with a Murano app (a ReplicationController) on it; old-kernel is a flannel
 * (vxlan) cluster on CentOS 7 nodes.
 */
export function buildScenarioWorkloads(ctx: ClusterContext, scenario: ScenarioName): void {
  const oldKernel = scenario === 'old-kernel';
  buildBaseCluster(ctx, { network: oldKernel ? 'flannel' : 'calico', ...(oldKernel ? OLD_KERNEL : FCOS_LOOK) });
  EXTRA[scenario]?.(ctx);
}
