import type { Finding } from '../../core/finding.js';
import type { KJob, KPod, KubeState } from '../../core/kube-state.js';
import { describeEvent, latestPodEvent, minutesSince } from '../evidence.js';
import { namespacedRef, podRef } from '../object-refs.js';
import { isContainerCreating } from '../pod-facts.js';
import { KOLLA_BOOTSTRAP_VOLUME } from '../references.js';
import type { Rule, RuleContext } from '../rule.js';

const RULE = 'kolla-bootstrap-holds-volume';
const MOUNT_REASONS = ['FailedMount', 'FailedAttachVolume'];

function claims(pod: KPod): string[] {
  return pod.volumes.map((v) => v.pvcClaimName).filter((c): c is string => c !== null);
}

function jobFinished(job: KJob | undefined, pod: KPod): boolean {
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return true;
  if (job === undefined) return false;
  return job.active === 0 && (job.succeeded > 0 || job.failed > 0 || job.completionTime !== null);
}

function isBlocked(kube: KubeState, pod: KPod, { kubeNow, thresholds }: RuleContext): boolean {
  if (pod.owner?.kind === 'Job' || !isContainerCreating(pod)) return false;
  if (latestPodEvent(kube, pod, MOUNT_REASONS) !== null) return true;
  return (minutesSince(pod.createdAt, kubeNow) ?? 0) >= thresholds.containerCreatingMinutes;
}

export const kollaBootstrapHoldsVolume: Rule = {
  id: RULE,
  description: "A pod cannot mount a volume still held by a finished (bootstrap) job's pod: Kolla-Kubernetes known issue 1.",
  suppresses: ['container-creating-stuck', 'workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, context) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const findings: Finding[] = [];
    for (const pod of kube.pods.filter((p) => isBlocked(kube, p, context))) {
      for (const claim of claims(pod)) {
        const holder = kube.pods.find(
          (h) =>
            h !== pod &&
            h.namespace === pod.namespace &&
            h.owner?.kind === 'Job' &&
            h.deletionTimestamp === null &&
            claims(h).includes(claim) &&
            jobFinished(
              kube.jobs.find((j) => j.namespace === h.namespace && j.name === h.owner?.name),
              h,
            ),
        );
        if (holder === undefined || holder.owner === null) continue;
        const jobName = holder.owner.name;
        const event = latestPodEvent(kube, pod, MOUNT_REASONS) ?? latestPodEvent(kube, pod);
        findings.push({
          rule: RULE,
          severity: 'critical',
          title: `Finished job ${jobName} still holds PVC ${claim}: pod ${pod.name} cannot mount it`,
          objects: [
            podRef(pod),
            namespacedRef(pod.namespace, 'Job', jobName),
            podRef(holder),
            namespacedRef(pod.namespace, 'PersistentVolumeClaim', claim),
          ],
          evidence: [
            `${podRef(pod)}: ${pod.status}${event === null ? '' : `; ${describeEvent(event, context.kubeNow)}`}`,
            `${podRef(holder)} (job ${jobName}): ${holder.status}, still mounts PVC ${claim}${holder.nodeName ? ` on ${holder.nodeName}` : ''}`,
          ],
          explanation: KOLLA_BOOTSTRAP_VOLUME.explanation,
          remedy: `${KOLLA_BOOTSTRAP_VOLUME.remedy.replace('<ns> <job>', `${pod.namespace} ${jobName}`)} The button deletes job ${jobName} and its pod (after checking that it is still finished and still holds the volume).`,
          reference: KOLLA_BOOTSTRAP_VOLUME.reference,
          action: {
            id: 'delete-bootstrap-job',
            label: `Delete finished job ${jobName}`,
            params: { cluster: snapshot.name, namespace: pod.namespace, job: jobName, claim },
          },
        });
        break;
      }
    }
    return findings;
  },
};
