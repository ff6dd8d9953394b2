import type { ClusterDetail, ClusterTemplate } from '../../core/cluster.js';
import type { Finding } from '../../core/finding.js';
import type { KEvent, KPod, KubeState } from '../../core/kube-state.js';
import { capLines, groupObservations, podEvents } from '../evidence.js';
import { podRef } from '../object-refs.js';
import { isContainerCreating, START_FAILURE_REASONS, stuckContainerCreating } from '../pod-facts.js';
import { CATALYST_PODS_FAIL } from '../references.js';
import type { Rule } from '../rule.js';
import { stuckPodObservation } from './container-creating-stuck.js';

const RULE = 'docker-volume-size-overlay2';

/** The storage driver a template sets: the attribute, else a `docker_storage_driver` label. */
export function storageDriverOf(template: ClusterTemplate, labels: Record<string, string> = {}): string | null {
  return template.dockerStorageDriver ?? labels['docker_storage_driver'] ?? template.labels['docker_storage_driver'] ?? null;
}

/** The docker volume size in effect and where it comes from (the cluster overrides the template). */
export function dockerVolumeSizeOf(
  cluster: Pick<ClusterDetail, 'dockerVolumeSize'> | null,
  template: ClusterTemplate,
): { size: number; source: 'cluster' | 'template' } | null {
  if (cluster?.dockerVolumeSize !== null && cluster?.dockerVolumeSize !== undefined && cluster.dockerVolumeSize > 0) {
    return { size: cluster.dockerVolumeSize, source: 'cluster' };
  }
  if (template.dockerVolumeSize !== null && template.dockerVolumeSize > 0) return { size: template.dockerVolumeSize, source: 'template' };
  return null;
}

function comboEvidence(template: ClusterTemplate, size: { size: number; source: string }, driver: string): string[] {
  const where = size.source === 'request' ? 'requested' : `set on the ${size.source}`;
  return [`docker_volume_size: ${size.size} GB (${where})`, `docker_storage_driver: ${driver} (template ${template.name})`];
}

/**
 * The create pre-flight: a warning finding when a create with this template and requested
 * docker volume size would hit the known issue, else null.
 */
export function preflightDockerVolumeOverlay2(
  template: ClusterTemplate,
  requestedDockerVolumeSize: number | null | undefined,
): Finding | null {
  const driver = storageDriverOf(template);
  const size = dockerVolumeSizeOf({ dockerVolumeSize: requestedDockerVolumeSize ?? null }, template);
  if (driver !== 'overlay2' || size === null) return null;
  return {
    rule: RULE,
    severity: 'warning',
    title: `A docker volume size on the overlay2 template ${template.name} leaves pods stuck in ContainerCreating`,
    objects: [`openstack/ClusterTemplate/${template.name}`],
    evidence: comboEvidence(template, { size: size.size, source: size.source === 'cluster' ? 'request' : 'template' }, driver),
    explanation: CATALYST_PODS_FAIL.explanation,
    remedy: 'Create the cluster without --docker-volume-size (or pick a template without docker_volume_size).',
    reference: CATALYST_PODS_FAIL.reference,
  };
}

/** The known issue's own signature: the runtime cannot mount overlay on the docker volume ("invalid argument"). */
const OVERLAY_MOUNT_FAILED = /overlay.*invalid argument/i;

/** The newest sandbox or mount failure of a pod whose message is the overlay mount signature. */
export function overlayMountEvent(kube: KubeState, pod: KPod): KEvent | null {
  return podEvents(kube, pod).find((e) => START_FAILURE_REASONS.includes(e.reason) && OVERLAY_MOUNT_FAILED.test(e.message)) ?? null;
}

function overlayMountPods(kube: KubeState): KPod[] {
  return kube.pods.filter((p) => isContainerCreating(p) && overlayMountEvent(kube, p) !== null);
}

export const dockerVolumeSizeOverlay2: Rule = {
  id: RULE,
  description:
    'docker_volume_size with the overlay2 storage driver: pods that fail to mount overlay ("invalid argument"), or stay in ContainerCreating (Catalyst known issue).',
  suppresses: ['container-creating-stuck', 'workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { kubeNow, thresholds }) {
    const { cluster, template, kube } = snapshot;
    const driver = template === null ? null : storageDriverOf(template, cluster?.labels);
    const size = template === null ? null : dockerVolumeSizeOf(cluster, template);
    const combo = template !== null && driver === 'overlay2' && size !== null;
    const objects = cluster === null ? [] : [`openstack/Cluster/${cluster.name}`];
    if (combo && kube === null) {
      return [
        {
          rule: RULE,
          severity: 'info',
          title: 'Cluster uses a docker volume size with overlay2, a combination known to leave pods in ContainerCreating',
          objects,
          evidence: [...comboEvidence(template, size, 'overlay2'), 'Kubernetes state not collected: pods could not be checked'],
          explanation: CATALYST_PODS_FAIL.explanation,
          remedy:
            'Check the pods (`/kube pods NAME --problems`); if they stay in ContainerCreating, recreate the cluster without a docker volume size.',
          reference: CATALYST_PODS_FAIL.reference,
        },
      ];
    }
    // A known template without the combination rules the known issue out, whatever the events say.
    if (kube === null || (template !== null && !combo)) return [];
    // The overlay mount error proves the issue at once; with the combination known, so does
    // waiting in ContainerCreating past the threshold.
    const signature = overlayMountPods(kube);
    const seen = new Set(signature);
    const pods = combo
      ? [...signature, ...stuckContainerCreating(kube, kubeNow, thresholds.containerCreatingMinutes).filter((p) => !seen.has(p))]
      : signature;
    if (pods.length === 0) return [];
    const setup = combo
      ? comboEvidence(template, size, 'overlay2')
      : ["docker_volume_size and storage driver unknown (no Magnum template): the overlay mount error is the known issue's signature"];
    // The overlay mount failure is quoted where there is one; merged across pods it reads once.
    const grouped = groupObservations(
      pods.map((p) => stuckPodObservation(kube, p, kubeNow, overlayMountEvent(kube, p))),
      'pods',
      thresholds.maxDetailLines,
    );
    return [
      {
        rule: RULE,
        severity: 'critical',
        title: `Pods stuck in ContainerCreating: docker_volume_size with overlay2 (known issue, not recoverable)`,
        objects: [...objects, ...pods.map(podRef)],
        evidence: capLines([...setup, ...grouped.lines], thresholds.maxEvidenceLines),
        ...(grouped.details ? { details: grouped.details } : {}),
        explanation: CATALYST_PODS_FAIL.explanation,
        remedy:
          cluster === null
            ? CATALYST_PODS_FAIL.remedy
            : `${CATALYST_PODS_FAIL.remedy} The button deletes ${cluster.name} and creates it again with the same spec without the docker volume (from the template that is the same without it, when the volume comes from the template); what runs on it is lost.`,
        reference: CATALYST_PODS_FAIL.reference,
        ...(cluster === null
          ? {}
          : {
              action: {
                id: 'recreate-without-volume',
                label: `Delete ${cluster.name} and create it again without the docker volume`,
                params: { cluster: cluster.name, uuid: cluster.uuid },
              },
            }),
      },
    ];
  },
};
