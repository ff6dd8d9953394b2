import { capLines, describeEvent, eventsFor, minutesSince, plural } from '../evidence.js';
import { ageSince } from '../human-duration.js';
import { namespacedRef } from '../object-refs.js';
import type { Rule } from '../rule.js';

export const pvcPending: Rule = {
  id: 'pvc-pending',
  description: 'PersistentVolumeClaims Pending: at once when the provisioner reports a failure, otherwise after the threshold.',
  run(snapshot, { kubeNow: now, thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const pending = kube.pvcs
      .filter((c) => c.phase === 'Pending')
      .map((claim) => ({ claim, event: eventsFor(kube, 'PersistentVolumeClaim', claim.namespace, claim.name)[0] ?? null }))
      // WaitForFirstConsumer is the normal state of a claim no pod uses yet.
      .filter(({ event }) => event?.reason !== 'WaitForFirstConsumer')
      // A provisioning failure proves the problem; a claim merely waiting needs time to be one.
      .filter(
        ({ claim, event }) =>
          event?.reason === 'ProvisioningFailed' || (minutesSince(claim.createdAt, now) ?? 0) >= thresholds.pendingMinutes,
      );
    if (pending.length === 0) return [];
    const noClass = pending.some(({ claim }) => claim.storageClass === null);
    return [
      {
        rule: 'pvc-pending',
        severity: 'warning',
        title: `${plural(pending.length, 'PersistentVolumeClaim')} Pending`,
        objects: pending.map(({ claim }) => namespacedRef(claim.namespace, 'PersistentVolumeClaim', claim.name)),
        evidence: capLines(
          pending.map(({ claim, event }) => {
            const head = `${namespacedRef(claim.namespace, 'PersistentVolumeClaim', claim.name)}: Pending for ${ageSince(claim.createdAt, now)}, storage class ${claim.storageClass ?? '(none)'}`;
            return event === null ? head : `${head}; ${describeEvent(event, now)}`;
          }),
          thresholds.maxEvidenceLines,
        ),
        explanation:
          'No volume is bound to these claims: the provisioner failed (see the event: Cinder quota, an unknown volume type, the CSI controller not running)' +
          (noClass ? ', or the claim names no storage class and the cluster has no default one.' : '.'),
        remedy:
          'Fix what the ProvisioningFailed event says; check the Cinder CSI controller pods in kube-system and the volume quota (`openstack quota show`).',
      },
    ];
  },
};
