import type { ClusterDetail, ClusterTemplate } from '../../core/cluster.js';
import type { Finding } from '../../core/finding.js';
import { capLines } from '../evidence.js';
import { podRef } from '../object-refs.js';
import { stuckContainerCreating } from '../pod-facts.js';
import { CATALYST_PODS_FAIL } from '../references.js';
import type { Rule } from '../rule.js';
import { stuckPodLine } from './container-creating-stuck.js';

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

export const dockerVolumeSizeOverlay2: Rule = {
  id: RULE,
  description: 'docker_volume_size with the overlay2 storage driver and pods stuck in ContainerCreating (Catalyst known issue).',
  suppresses: ['container-creating-stuck', 'workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { now, thresholds }) {
    const { cluster, template, kube } = snapshot;
    if (template === null) return [];
    const driver = storageDriverOf(template, cluster?.labels);
    const size = dockerVolumeSizeOf(cluster, template);
    if (driver !== 'overlay2' || size === null) return [];
    const objects = cluster === null ? [] : [`openstack/Cluster/${cluster.name}`];
    if (kube === null) {
      return [
        {
          rule: RULE,
          severity: 'info',
          title: 'Cluster uses a docker volume size with overlay2, a combination known to leave pods in ContainerCreating',
          objects,
          evidence: [...comboEvidence(template, size, driver), 'Kubernetes state not collected: pods could not be checked'],
          explanation: CATALYST_PODS_FAIL.explanation,
          remedy:
            'Check the pods (`/kube pods NAME --problems`); if they stay in ContainerCreating, recreate the cluster without a docker volume size.',
          reference: CATALYST_PODS_FAIL.reference,
        },
      ];
    }
    const pods = stuckContainerCreating(kube, now, thresholds.containerCreatingMinutes);
    if (pods.length === 0) return [];
    return [
      {
        rule: RULE,
        severity: 'critical',
        title: `Pods stuck in ContainerCreating: docker_volume_size with overlay2 (known issue, not recoverable)`,
        objects: [...objects, ...pods.map(podRef)],
        evidence: capLines(
          [...comboEvidence(template, size, driver), ...pods.map((p) => stuckPodLine(kube, p, now))],
          thresholds.maxEvidenceLines,
        ),
        explanation: CATALYST_PODS_FAIL.explanation,
        remedy: CATALYST_PODS_FAIL.remedy,
        reference: CATALYST_PODS_FAIL.reference,
      },
    ];
  },
};
