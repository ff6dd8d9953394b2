import { isFailedStatus } from '../../core/cluster.js';
import type { Finding } from '../../core/finding.js';
import { capLines, clip } from '../evidence.js';
import { matchSignature } from '../failure-signatures.js';
import { deepestFailed, dottedPath } from '../heat-facts.js';
import { openstackRef } from '../object-refs.js';
import type { Rule } from '../rule.js';
import { subnetConflictReason } from './delete-blocked-by-loadbalancers.js';

const RULE = 'create-failed-heat';

export const createFailedHeat: Rule = {
  id: RULE,
  description: 'A *_FAILED cluster: the deepest failed Heat resources, the faults map and known failure signatures.',
  run(snapshot, { thresholds }) {
    const cluster = snapshot.cluster;
    if (cluster === null || !isFailedStatus(cluster.status)) return [];
    // The subnet conflict on delete has its own rule with its own remedy.
    if (cluster.status === 'DELETE_FAILED' && subnetConflictReason(snapshot) !== null) return [];
    const top = snapshot.stack?.name ?? null;
    const failed = deepestFailed(snapshot.heatResources);
    const faults = Object.entries(cluster.faults ?? {});
    const texts = [
      ...failed.map((r) => r.statusReason ?? ''),
      ...faults.map(([, reason]) => reason),
      cluster.statusReason ?? '',
      snapshot.stack?.statusReason ?? '',
    ];
    const match = matchSignature(texts);
    const first = failed[0];
    const headline =
      match?.label ?? (first ? `${dottedPath(first, top)} ${first.status}` : clip(cluster.statusReason ?? 'no reason given', 120));
    const evidence = [
      ...(cluster.statusReason ? [`status_reason: ${clip(cluster.statusReason)}`] : []),
      ...faults.map(([group, reason]) => `fault ${group}: ${clip(reason)}`),
      ...failed.map(
        (r) => `${dottedPath(r, top)} (${r.type}${r.physicalId ? ` ${r.physicalId}` : ''}) ${r.status}: ${clip(r.statusReason ?? '')}`,
      ),
    ];
    const finding: Finding = {
      rule: RULE,
      severity: 'critical',
      title: `Cluster ${cluster.status}: ${headline}`,
      objects: [openstackRef('Cluster', cluster.name), ...failed.map((r) => openstackRef('HeatResource', dottedPath(r, top)))],
      evidence: capLines(evidence, thresholds.maxEvidenceLines),
      explanation:
        match?.signature.explanation ??
        'Magnum puts the failing Heat resource in faults; the deepest failed resources below are where the stack broke (the `openstack stack failures list` view).',
      remedy:
        match?.signature.remedy ??
        'Fix what the failed resource names, then delete the cluster and create it again; attach the ticket bundle if the reason is on the cloud side.',
    };
    return [finding];
  },
};
