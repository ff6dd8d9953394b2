import type { KNode } from '../../core/kube-state.js';
import { capLines, plural } from '../evidence.js';
import { nodeRef } from '../object-refs.js';
import { overlayFacts } from '../overlay-facts.js';
import { KOLLA_VXLAN_KERNEL } from '../references.js';
import type { Rule } from '../rule.js';

const RULE = 'overlay-network-kernel';

/** `[major, minor]` of a kernel release such as `3.10.0-1160.el7.x86_64`; null when unreadable. */
export function kernelVersion(release: string | null): [number, number] | null {
  const match = release === null ? null : /^(\d+)\.(\d+)/.exec(release);
  return match === null ? null : [Number(match[1]), Number(match[2])];
}

export function isOlderThanVxlanKernel(release: string | null): boolean {
  const version = kernelVersion(release);
  return version !== null && (version[0] < 3 || (version[0] === 3 && version[1] < 16));
}

export const overlayNetworkKernel: Rule = {
  id: RULE,
  description:
    'Nodes with a kernel older than 3.16 under a vxlan overlay, known from the flannel/calico DaemonSets, node annotations, ConfigMaps and IP pools, else the template (vxlan needs kernel 3.16+).',
  run(snapshot, { thresholds }) {
    const nodes = snapshot.kube?.nodes.filter((n: KNode) => isOlderThanVxlanKernel(n.kernelVersion)) ?? [];
    if (nodes.length === 0) return [];
    const overlay = overlayFacts(snapshot);
    // A node whose own flannel or calico says vxlan needs no cluster-wide proof.
    const vxlan = overlay.mode === 'vxlan' || nodes.some((n) => overlay.vxlanNodes.has(n.name));
    const other = !vxlan && overlay.mode === 'other';
    return [
      {
        rule: RULE,
        severity: vxlan ? 'critical' : 'info',
        title: vxlan
          ? `${plural(nodes.length, 'node')} run a kernel older than 3.16 under a vxlan overlay: pod traffic between nodes fails`
          : `${plural(nodes.length, 'node')} run a kernel older than 3.16: a vxlan overlay would not work${other ? ' (this overlay is not vxlan)' : ''}`,
        objects: nodes.map(nodeRef),
        evidence: capLines(
          [...nodes.map((n) => `${nodeRef(n)}: kernel ${n.kernelVersion ?? '?'}`), ...overlay.evidence],
          thresholds.maxEvidenceLines,
        ),
        explanation: KOLLA_VXLAN_KERNEL.explanation,
        remedy: KOLLA_VXLAN_KERNEL.remedy,
        reference: KOLLA_VXLAN_KERNEL.reference,
      },
    ];
  },
};
