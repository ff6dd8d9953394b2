import { capLines, clip, plural } from '../evidence.js';
import { nodeRef } from '../object-refs.js';
import type { Rule } from '../rule.js';

const PRESSURE = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];

export const nodePressure: Rule = {
  id: 'node-pressure',
  description: 'Nodes reporting MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.',
  run(snapshot, { thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const hits = kube.nodes.flatMap((node) =>
      node.conditions.filter((c) => PRESSURE.includes(c.type) && c.status === 'True').map((condition) => ({ node, condition })),
    );
    if (hits.length === 0) return [];
    const nodes = [...new Set(hits.map((h) => h.node.name))];
    const kinds = [...new Set(hits.map((h) => h.condition.type))];
    return [
      {
        rule: 'node-pressure',
        severity: 'warning',
        title: `${plural(nodes.length, 'node')} under ${kinds.join(', ')}`,
        objects: nodes.map(nodeRef),
        evidence: capLines(
          hits.map(
            ({ node, condition }) => `${nodeRef(node)}: ${condition.type}${condition.message ? `: ${clip(condition.message, 160)}` : ''}`,
          ),
          thresholds.maxEvidenceLines,
        ),
        explanation:
          'The kubelet reports the node short of memory, disk or process ids (it then evicts pods and refuses new ones), or its network is not configured.',
        remedy:
          'Free or add capacity: clean images and logs for DiskPressure, lower pod memory use or add nodes (`/kube resize NAME --nodes N`); for NetworkUnavailable check the network plugin pods on the node.',
      },
    ];
  },
};
