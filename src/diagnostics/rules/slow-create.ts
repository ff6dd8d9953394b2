import type { Finding } from '../../core/finding.js';
import type { ClusterSnapshot } from '../../core/snapshot.js';
import { capLines, clip } from '../evidence.js';
import { dottedPath, deepestInProgress, lastHeatChange, leafProgress } from '../heat-facts.js';
import { humanDuration } from '../human-duration.js';
import { openstackRef } from '../object-refs.js';
import { CATALYST_LONG_DEPLOY } from '../references.js';
import type { Rule } from '../rule.js';

const RULE = 'slow-create';

/** When the create started: Magnum's created_at, else the stack's creation time (both on the cloud's clock). */
export function createStartedAt(snapshot: ClusterSnapshot): number | null {
  const parsed = snapshot.cluster?.createdAt ? Date.parse(snapshot.cluster.createdAt) : Number.NaN;
  if (!Number.isNaN(parsed)) return parsed;
  return snapshot.stack?.createdAt ?? null;
}

export const slowCreate: Rule = {
  id: RULE,
  description: 'CREATE_IN_PROGRESS past the usual 15-25 min: the Heat resources still in progress; slow or stuck.',
  run(snapshot, { openstackNow: now, thresholds }) {
    const cluster = snapshot.cluster;
    if (cluster === null || cluster.status !== 'CREATE_IN_PROGRESS') return [];
    const started = createStartedAt(snapshot);
    if (started === null) return [];
    const minutes = (now - started) / 60_000;
    if (minutes < thresholds.slowCreateMinutes) return [];
    const timeout = cluster.createTimeout;
    const lastChange = lastHeatChange(snapshot.heatResources);
    const idleMinutes = lastChange === null ? null : (now - lastChange) / 60_000;
    const pastTimeout = timeout !== null && timeout > 0 && minutes >= timeout;
    const idle = idleMinutes !== null && idleMinutes >= thresholds.heatIdleMinutes;
    const stuck = minutes >= thresholds.stuckCreateMinutes || pastTimeout || idle;
    const waiting = deepestInProgress(snapshot.heatResources);
    const top = snapshot.stack?.name ?? null;
    const progress = leafProgress(snapshot.heatResources);
    const elapsed = humanDuration(now - started);
    const evidence = [
      `elapsed: ${elapsed} (usual 15-25 min)`,
      ...(timeout === null ? [] : [`create_timeout: ${timeout} min`]),
      ...(progress.total > 0 ? [`Heat resources complete: ${progress.done}/${progress.total}`] : []),
      ...(lastChange === null ? [] : [`last Heat resource change: ${humanDuration(now - lastChange)} ago`]),
      ...waiting.map((r) => `in progress: ${dottedPath(r, top)} (${r.type})${r.statusReason ? `: ${clip(r.statusReason, 120)}` : ''}`),
    ];
    const why = pastTimeout
      ? 'past its create_timeout'
      : idle
        ? `no Heat resource has changed for ${humanDuration(now - (lastChange ?? now))}`
        : `past ${thresholds.stuckCreateMinutes} min`;
    const finding: Finding = {
      rule: RULE,
      severity: stuck ? 'critical' : 'warning',
      title: stuck
        ? `Create looks stuck: ${elapsed} in CREATE_IN_PROGRESS, ${why}`
        : `Create is slow: ${elapsed} in CREATE_IN_PROGRESS, past the usual 15-25 min`,
      objects: [openstackRef('Cluster', cluster.name), ...waiting.map((r) => openstackRef('HeatResource', dottedPath(r, top)))],
      evidence: capLines(evidence, thresholds.maxEvidenceLines),
      explanation: stuck
        ? `${CATALYST_LONG_DEPLOY.explanation} This create is well past that: the resources still in progress are where it waits. ` +
          'A WaitCondition or SoftwareDeployment that never completes means a script or service on that node hung (often no internet access for images or etcd discovery).'
        : `${CATALYST_LONG_DEPLOY.explanation} This one is slower than usual but Heat resources are still moving.`,
      remedy: stuck
        ? 'Log in to the node named by the waiting resource and read `journalctl -u heat-container-agent` (and the etcd, kubelet units). ' +
          'Heat fails the stack at create_timeout; then delete the cluster and create it again, with a longer --timeout if the cloud is only slow.'
        : 'Wait: Heat is still creating resources. The bot reports the result when the create ends.',
      reference: CATALYST_LONG_DEPLOY.reference,
    };
    return [finding];
  },
};
