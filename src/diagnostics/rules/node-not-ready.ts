import type { KNode } from '../../core/kube-state.js';
import { ago, capLines, clip, plural } from '../evidence.js';
import { nodeRef } from '../object-refs.js';
import type { Rule } from '../rule.js';

function readyCondition(node: KNode) {
  return node.conditions.find((c) => c.type === 'Ready');
}

export const nodeNotReady: Rule = {
  id: 'node-not-ready',
  description: 'Nodes whose Ready condition is not True.',
  run(snapshot, { kubeNow: now, thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const nodes = kube.nodes.filter((n) => readyCondition(n)?.status !== 'True');
    if (nodes.length === 0) return [];
    const lines = nodes.map((n) => {
      const c = readyCondition(n);
      if (c === undefined) return `${nodeRef(n)}: no Ready condition reported`;
      const since = c.lastTransitionTime === null ? '' : ` since ${ago(c.lastTransitionTime, now)}`;
      const terminating = kube.pods.filter((p) => p.nodeName === n.name && p.deletionTimestamp !== null).length;
      return `${nodeRef(n)}: Ready=${c.status}${since}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${clip(c.message, 160)}` : ''}${terminating > 0 ? `; ${plural(terminating, 'pod')} stuck Terminating on it` : ''}`;
    });
    const all = nodes.length === kube.nodes.length;
    return [
      {
        rule: 'node-not-ready',
        severity: all ? 'critical' : 'warning',
        title: all
          ? `No node is Ready (${plural(nodes.length, 'node')})`
          : `${plural(nodes.length, 'node')} of ${kube.nodes.length} not Ready`,
        objects: nodes.map(nodeRef),
        evidence: capLines(lines, thresholds.maxEvidenceLines),
        explanation:
          'The kubelet on these nodes is not reporting Ready: Unknown means it stopped posting status (VM down, network cut, kubelet stopped), False that it reports a problem (runtime, network plugin).',
        remedy:
          'Check the servers in Nova (`openstack server show <node>`) and the kubelet journal on the node; reboot or replace a dead node (resize down and up, or auto-healing). Pods on a lost node stay Terminating until it returns or they are force-deleted.',
      },
    ];
  },
};
