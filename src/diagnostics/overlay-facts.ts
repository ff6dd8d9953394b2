import type { KConfigMap, KNode, KWorkload } from '../core/kube-state.js';
import type { ClusterSnapshot } from '../core/snapshot.js';
import { namespacedRef, nodeRef } from './object-refs.js';

/**
 * Which overlay the cluster's pod network uses, from what runs in it first (node annotations,
 * the flannel and calico DaemonSets, their ConfigMaps, Calico's IP pools), then from the Magnum
 * template: a cluster registered by kubeconfig has no template, and a template may not say
 * what was deployed.
 */
export interface OverlayFacts {
  /** `vxlan` when something proves a vxlan overlay, `other` when something proves another one. */
  mode: 'vxlan' | 'other' | null;
  /** Why, as evidence lines. */
  evidence: string[];
  /** Nodes whose own annotations say they run vxlan. */
  vxlanNodes: ReadonlySet<string>;
}

const FLANNEL_BACKEND = 'flannel.alpha.coreos.com/backend-type';
const CALICO_VXLAN_ADDR = 'projectcalico.org/IPv4VXLANTunnelAddr';
const CALICO_IPIP_ADDR = 'projectcalico.org/IPv4IPIPTunnelAddr';
/** Calico encapsulation modes that put traffic in a tunnel (`Never` does not). */
const ENCAPSULATING = /^(always|crosssubnet)$/i;

interface Proof {
  vxlan: boolean;
  line: string;
}

function plugin(workload: KWorkload, name: 'flannel' | 'calico'): boolean {
  return workload.kind === 'DaemonSet' && (workload.name.includes(name) || (workload.containers ?? []).some((c) => c.image.includes(name)));
}

/** Node annotations: the backend each node's flannel chose, and Calico's tunnel addresses. */
function nodeProofs(nodes: readonly KNode[]): { proofs: Proof[]; vxlanNodes: Set<string> } {
  const vxlanNodes = new Set<string>();
  const byBackend = new Map<string, string[]>();
  for (const node of nodes) {
    const annotations = node.networkAnnotations;
    const flannel = annotations[FLANNEL_BACKEND];
    const backend = flannel ?? (annotations[CALICO_VXLAN_ADDR] ? 'vxlan' : annotations[CALICO_IPIP_ADDR] ? 'ipip' : null);
    if (backend === null) continue;
    if (backend === 'vxlan') vxlanNodes.add(node.name);
    const key = flannel !== undefined ? `${FLANNEL_BACKEND}=${flannel}` : backend === 'vxlan' ? CALICO_VXLAN_ADDR : CALICO_IPIP_ADDR;
    byBackend.set(key, [...(byBackend.get(key) ?? []), node.name]);
  }
  const proofs = [...byBackend].map(([key, names]) => ({
    vxlan: key.endsWith('=vxlan') || key === CALICO_VXLAN_ADDR,
    line: `${names.length === 1 ? nodeRef(names[0] ?? '') : `${names.length} nodes`} annotated ${key}`,
  }));
  return { proofs, vxlanNodes };
}

/** Flannel's net-conf.json: `Backend.Type`; null when it cannot be read or does not say. */
function flannelBackend(config: KConfigMap): string | null {
  const text = config.networkData?.['net-conf.json'];
  if (text === undefined) return null;
  try {
    const parsed = JSON.parse(text) as { Backend?: { Type?: unknown } };
    return typeof parsed.Backend?.Type === 'string' ? parsed.Backend.Type.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** What the flannel and calico objects running in the cluster say. */
function clusterProofs(snapshot: ClusterSnapshot): Proof[] {
  const kube = snapshot.kube;
  if (kube === null) return [];
  const proofs: Proof[] = [];
  for (const config of kube.configMaps) {
    const ref = namespacedRef(config.namespace, 'ConfigMap', config.name);
    const backend = flannelBackend(config);
    if (backend !== null) proofs.push({ vxlan: backend === 'vxlan', line: `${ref}: net-conf.json Backend.Type ${backend}` });
    const calico = config.networkData?.['calico_backend'];
    if (calico !== undefined) proofs.push({ vxlan: calico === 'vxlan', line: `${ref}: calico_backend ${calico}` });
  }
  for (const ds of kube.workloads.filter((w) => plugin(w, 'calico'))) {
    for (const c of ds.containers ?? []) {
      const ref = namespacedRef(ds.namespace, 'DaemonSet', ds.name);
      const vxlan = c.env['CALICO_IPV4POOL_VXLAN'];
      const ipip = c.env['CALICO_IPV4POOL_IPIP'];
      if (vxlan !== undefined && ENCAPSULATING.test(vxlan)) proofs.push({ vxlan: true, line: `${ref}: CALICO_IPV4POOL_VXLAN=${vxlan}` });
      else if (ipip !== undefined && ENCAPSULATING.test(ipip)) proofs.push({ vxlan: false, line: `${ref}: CALICO_IPV4POOL_IPIP=${ipip}` });
    }
  }
  for (const pool of kube.ipPools) {
    const ref = `IPPool/${pool.name}${pool.cidr ? ` (${pool.cidr})` : ''}`;
    if (ENCAPSULATING.test(pool.vxlanMode ?? '')) proofs.push({ vxlan: true, line: `${ref}: vxlanMode ${pool.vxlanMode}` });
    else if (ENCAPSULATING.test(pool.ipipMode ?? '')) proofs.push({ vxlan: false, line: `${ref}: ipipMode ${pool.ipipMode}` });
  }
  return proofs;
}

/** What the Magnum template and the cluster's labels say (Magnum's flannel defaults to vxlan). */
function templateProofs(snapshot: ClusterSnapshot): Proof[] {
  const labels = { ...(snapshot.template?.labels ?? {}), ...(snapshot.cluster?.labels ?? {}) };
  const driver = snapshot.template?.networkDriver ?? null;
  if (driver === 'flannel') {
    const backend = labels['flannel_backend'];
    if (backend === undefined) return [{ vxlan: true, line: 'network_driver: flannel (template), flannel_backend: vxlan (the default)' }];
    return [{ vxlan: backend === 'vxlan', line: `network_driver: flannel (template), flannel_backend: ${backend}` }];
  }
  const calico = labels['calico_ipv4pool_vxlan'] ?? labels['calico_encapsulation'];
  if (driver === 'calico' && calico !== undefined && /vxlan|always|crosssubnet/i.test(calico)) {
    return [{ vxlan: true, line: `network_driver: calico (template) with vxlan encapsulation (${calico})` }];
  }
  return [];
}

/** The overlay facts of a snapshot: what runs wins over the template. */
export function overlayFacts(snapshot: ClusterSnapshot): OverlayFacts {
  const kube = snapshot.kube;
  const nodes = nodeProofs(kube?.nodes ?? []);
  const running = [...clusterProofs(snapshot), ...nodes.proofs];
  const plugins = (kube?.workloads ?? []).filter((w) => plugin(w, 'flannel') || plugin(w, 'calico'));
  const seen = plugins.map((w) => `${namespacedRef(w.namespace, 'DaemonSet', w.name)} runs`);
  const proofs = running.length > 0 ? running : templateProofs(snapshot);
  const vxlan = proofs.filter((p) => p.vxlan);
  const mode = vxlan.length > 0 ? 'vxlan' : proofs.length > 0 ? 'other' : null;
  const lines = (mode === 'vxlan' ? vxlan : proofs).map((p) => p.line);
  return { mode, evidence: [...seen, ...lines], vxlanNodes: nodes.vxlanNodes };
}
