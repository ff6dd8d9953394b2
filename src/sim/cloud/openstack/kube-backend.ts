import type { SimClock } from '../clock.js';
import type { FaultPlan } from '../faults.js';
import type { ScenarioName } from '../scenarios.js';

/**
 * The contract of `src/sim/cloud/kube/` as this folder uses it, declared locally so the cloud can be
 * started with a stand-in (tests) or the real per-cluster Kubernetes API servers.
 */
export interface SimCertAuthority {
  certPem: string;
  sign(csrPem: string): Promise<string>;
  issueServerCert(hosts: string[]): Promise<{ certPem: string; keyPem: string }>;
}

export interface SimKubeHandle {
  url: string;
  setNodeCount(masters: number, workers: number): void;
  setKubeVersion(version: string): void;
  addLoadBalancerService(namespace: string, name: string): void;
  close(): Promise<void>;
}

export interface KubeStartOptions {
  name: string;
  scenario: ScenarioName;
  ca: SimCertAuthority;
  clock: SimClock;
  nodeCount: number;
  masterCount: number;
  createdAt: number;
  kubeVersion: string;
  /** The cloud's injected faults; the API server consults them (service `kube`) before each request. */
  faults?: FaultPlan;
}

export interface KubeBackend {
  createCertAuthority(commonName: string): Promise<SimCertAuthority>;
  startKubeCluster(options: KubeStartOptions): Promise<SimKubeHandle>;
}

/** The real backend: the PKI and Kubernetes API servers from `src/sim/cloud/kube/`. */
export async function loadKubeBackend(): Promise<KubeBackend> {
  const pki = await import('../kube/pki.js');
  const kube = await import('../kube/kube-cluster.js');
  return {
    createCertAuthority: (cn) => pki.createCertAuthority(cn),
    startKubeCluster: (options) => kube.startKubeCluster(options),
  };
}
