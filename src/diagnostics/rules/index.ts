import type { Rule } from '../rule.js';
import { capiCreateStalled } from './capi-create-stalled.js';
import { capiDeleteBlocked } from './capi-delete-blocked.js';
import { collectionProblem } from './collection-problem.js';
import { containerCreatingStuck } from './container-creating-stuck.js';
import { controlPlaneNotReady } from './control-plane-not-ready.js';
import { createFailedHeat } from './create-failed-heat.js';
import { deleteBlockedByLoadbalancers } from './delete-blocked-by-loadbalancers.js';
import { dockerVolumeSizeOverlay2 } from './docker-volume-size-overlay2.js';
import { jobFailed } from './job-failed.js';
import { kollaBootstrapHoldsVolume } from './kolla-bootstrap-holds-volume.js';
import { magnumHealthUnhealthy } from './magnum-health-unhealthy.js';
import { nodeConsole } from './node-console.js';
import { nodeNotReady } from './node-not-ready.js';
import { nodePressure } from './node-pressure.js';
import { overlayNetworkKernel } from './overlay-network-kernel.js';
import { podConfigError } from './pod-config-error.js';
import { podCrashLoop } from './pod-crash-loop.js';
import { podImagePull } from './pod-image-pull.js';
import { podOomKilled } from './pod-oom-killed.js';
import { podUnschedulable } from './pod-unschedulable.js';
import { pvcPending } from './pvc-pending.js';
import { rbdVolumeLocked } from './rbd-volume-locked.js';
import { serviceWithoutEndpoints } from './service-without-endpoints.js';
import { slowCreate } from './slow-create.js';
import { workloadReplicasShort } from './workload-replicas-short.js';

/** Every rule, the platform's known issues first, then the generic Kubernetes ones. */
export const ALL_RULES: readonly Rule[] = [
  deleteBlockedByLoadbalancers,
  capiDeleteBlocked,
  createFailedHeat,
  capiCreateStalled,
  slowCreate,
  nodeConsole,
  dockerVolumeSizeOverlay2,
  kollaBootstrapHoldsVolume,
  rbdVolumeLocked,
  controlPlaneNotReady,
  overlayNetworkKernel,
  serviceWithoutEndpoints,
  containerCreatingStuck,
  podCrashLoop,
  podImagePull,
  podConfigError,
  podOomKilled,
  podUnschedulable,
  nodeNotReady,
  nodePressure,
  pvcPending,
  workloadReplicasShort,
  jobFailed,
  magnumHealthUnhealthy,
  collectionProblem,
];
