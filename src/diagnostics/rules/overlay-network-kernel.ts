import type { KNode } from '../../core/kube-state.js';
import type { ClusterSnapshot } from '../../core/snapshot.js';
import { capLines, plural } from '../evidence.js';
import { namespacedRef, nodeRef } from '../object-refs.js';
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

/** Why the cluster's overlay is vxlan, as evidence lines; empty when it is not known to be. */
export function vxlanEvidence(snapshot: ClusterSnapshot): string[] {
  const labels = { ...(snapshot.template?.labels ?? {}), ...(snapshot.cluster?.labels ?? {}) };
  const driver = snapshot.template?.networkDriver ?? null;
  if (driver === 'flannel') {
    const backend = labels['flannel_backend'];
    if (backend === undefined) return ['network_driver: flannel (template), flannel_backend: vxlan (the default)'];
    if (backend === 'vxlan') return ['network_driver: flannel (template), flannel_backend: vxlan'];
    return [];
  }
  if (driver === 'calico' && /vxlan/i.test(labels['calico_ipv4pool_vxlan'] ?? labels['calico_encapsulation'] ?? '')) {
    return ['network_driver: calico with vxlan encapsulation'];
  }
  // What runs in the cluster wins over the template (kubeconfig clusters have no template).
  const flannelConfig = snapshot.kube?.configMaps.find((c) => /flannel/.test(c.name) && c.keys.includes('net-conf.json'));
  if (flannelConfig !== undefined) {
    return [`${namespacedRef(flannelConfig.namespace, 'ConfigMap', flannelConfig.name)}: flannel, whose default backend is vxlan`];
  }
  return [];
}

export const overlayNetworkKernel: Rule = {
  id: RULE,
  description: 'Nodes with a kernel older than 3.16 under a vxlan overlay (Kolla on Heat: vxlan needs kernel 3.16+).',
  run(snapshot, { thresholds }) {
    const nodes = snapshot.kube?.nodes.filter((n: KNode) => isOlderThanVxlanKernel(n.kernelVersion)) ?? [];
    if (nodes.length === 0) return [];
    const overlay = vxlanEvidence(snapshot);
    const vxlan = overlay.length > 0;
    return [
      {
        rule: RULE,
        severity: vxlan ? 'critical' : 'info',
        title: vxlan
          ? `${plural(nodes.length, 'node')} run a kernel older than 3.16 under a vxlan overlay: pod traffic between nodes fails`
          : `${plural(nodes.length, 'node')} run a kernel older than 3.16: a vxlan overlay would not work`,
        objects: nodes.map(nodeRef),
        evidence: capLines(
          [...nodes.map((n) => `${nodeRef(n)}: kernel ${n.kernelVersion ?? '?'}`), ...overlay],
          thresholds.maxEvidenceLines,
        ),
        explanation: KOLLA_VXLAN_KERNEL.explanation,
        remedy: KOLLA_VXLAN_KERNEL.remedy,
        reference: KOLLA_VXLAN_KERNEL.reference,
      },
    ];
  },
};
