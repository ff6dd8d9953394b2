import { capLines, clip } from '../evidence.js';
import { nodeRef, openstackRef } from '../object-refs.js';
import type { Rule } from '../rule.js';

const GOOD = new Set(['ok', 'true', 'ready']);

export const magnumHealthUnhealthy: Rule = {
  id: 'magnum-health-unhealthy',
  description: "Magnum's health_status UNHEALTHY with its health_status_reason; UNKNOWN (private clusters) is only information.",
  run(snapshot, { thresholds }) {
    const cluster = snapshot.cluster;
    if (cluster === null) return [];
    const reasons = Object.entries(cluster.healthStatusReason).map(
      ([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)] as const,
    );
    if (cluster.healthStatus === 'UNKNOWN') {
      return [
        {
          rule: 'magnum-health-unhealthy',
          severity: 'info',
          title: 'Magnum health_status is UNKNOWN: Magnum cannot reach the Kubernetes API (expected for a private cluster)',
          objects: [openstackRef('Cluster', cluster.name)],
          evidence: reasons.map(([k, v]) => `health_status_reason ${k}: ${clip(v, 160)}`),
          explanation:
            "Magnum's health monitor polls the API only when it is reachable through a floating IP; clusters without one always show UNKNOWN. This is not a fault.",
          remedy: 'Nothing to do; the Kubernetes findings here come from the API directly.',
        },
      ];
    }
    if (cluster.healthStatus !== 'UNHEALTHY') return [];
    const bad = reasons.filter(([, v]) => !GOOD.has(v.toLowerCase()));
    const nodes = bad.filter(([k]) => k.endsWith('.Ready')).map(([k]) => k.slice(0, -'.Ready'.length));
    const apiDown = bad.some(([k]) => k === 'api');
    return [
      {
        rule: 'magnum-health-unhealthy',
        severity: apiDown ? 'critical' : 'warning',
        title: apiDown
          ? 'Magnum reports the cluster UNHEALTHY: the API is not ok'
          : `Magnum reports the cluster UNHEALTHY${nodes.length > 0 ? `: ${nodes.join(', ')} not Ready` : ''}`,
        objects: [openstackRef('Cluster', cluster.name), ...nodes.map(nodeRef)],
        evidence: capLines(
          (bad.length > 0 ? bad : reasons).map(([k, v]) => `health_status_reason ${k}: ${clip(v, 160)}`),
          thresholds.maxEvidenceLines,
        ),
        explanation: "Magnum's health monitor found the Kubernetes API not answering /healthz, or nodes whose Ready condition is not True.",
        remedy: apiDown
          ? 'Check the master servers and the API load balancer (`openstack loadbalancer show`); the node findings below show what the API itself reports.'
          : 'See the node findings: check the named servers in Nova and their kubelet.',
      },
    ];
  },
};
