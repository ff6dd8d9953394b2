import type { SimClock } from '../clock.js';
import { FaultPlan } from '../faults.js';
import type { ScenarioName } from '../scenarios.js';
import { newHexId, newUuid } from './ids.js';
import type { KubeBackend, SimCertAuthority, SimKubeHandle } from './kube-backend.js';

export interface SimUser {
  id: string;
  name: string;
  password: string;
  domainId: string;
  /** Keystone role names on the project; writes need `member` (Magnum's default policy). */
  roles: string[];
}

export interface SimProject {
  id: string;
  name: string;
  domainId: string;
  /** Magnum's max_clusters_per_project for this project. */
  clusterQuota: number;
  /** Nova and Neutron quota limits that differ from the defaults (quota-model.ts), e.g. `{ cores: 8 }`; -1 is unlimited. */
  quotas?: Partial<Record<string, number>>;
}

export interface SimAppCredential {
  id: string;
  name: string;
  secret: string;
  userId: string;
  projectId: string;
}

export interface SimToken {
  id: string;
  userId: string;
  projectId: string;
  methods: string[];
  issuedAt: number;
  expiresAt: number;
  appCredentialId?: string;
}

/** The Magnum driver a template selects: Heat, or one of the two Cluster API drivers (see core/magnum-driver.ts). */
export type SimDriver = 'heat' | 'magnum-capi-helm' | 'magnum-cluster-api';

export interface SimTemplate {
  uuid: string;
  /** Chosen from the image (its os_distro and magnum_driver properties), as Magnum does. */
  driver: SimDriver;
  /** The image's os_distro, which Magnum shows as the template's cluster_distro. */
  clusterDistro: string;
  name: string;
  projectId: string;
  userId: string;
  imageId: string;
  flavorId: string | null;
  masterFlavorId: string | null;
  keypairId: string | null;
  externalNetworkId: string | null;
  networkDriver: string | null;
  dockerVolumeSize: number | null;
  dockerStorageDriver: string | null;
  labels: Record<string, string>;
  masterLbEnabled: boolean;
  floatingIpEnabled: boolean;
  tlsDisabled: boolean;
  isPublic: boolean;
  createdAt: number;
}

/** One operation on a cluster; the cluster's status is a function of the last one and the clock. */
export type ClusterOp =
  | { kind: 'create'; at: number; durationMs: number; failAfterMs: number | null }
  | {
      kind: 'update';
      at: number;
      durationMs: number;
      fromNodeCount: number;
      toNodeCount: number;
      /** An upgrade (Magnum's upgrade action): the template and Kubernetes version it moves from. */
      upgradeFrom?: { templateId: string; kubeVersion: string };
    }
  | { kind: 'delete'; at: number; durationMs: number };

export interface SimCluster {
  uuid: string;
  name: string;
  projectId: string;
  userId: string;
  templateId: string;
  keypair: string | null;
  nodeCount: number;
  masterCount: number;
  dockerVolumeSize: number | null;
  labels: Record<string, string>;
  labelsAdded: Record<string, string>;
  labelsOverridden: Record<string, string>;
  labelsSkipped: Record<string, string>;
  mergeLabels: boolean;
  masterFlavorId: string | null;
  flavorId: string | null;
  createTimeout: number;
  discoveryUrl: string;
  floatingIpEnabled: boolean;
  masterLbEnabled: boolean;
  scenario: ScenarioName;
  /** The driver of the cluster's template when it was created. */
  driver: SimDriver;
  /** The Kubernetes version it runs (kube_tag label, else the image's kube_version); an upgrade changes it. */
  kubeVersion: string;
  /** Heat: the stack's UUID. Cluster API drivers: the name they gave the Cluster API cluster. */
  stackId: string;
  stackName: string;
  networkId: string;
  subnetId: string;
  createdAt: number;
  ops: ClusterOp[];
  masterNodegroupId: string;
  workerNodegroupId: string;
  /** Set once the cluster's Kubernetes API runs (at CREATE_COMPLETE). */
  ca: SimCertAuthority | null;
  kube: SimKubeHandle | null;
  kubeStarting: Promise<void> | null;
  kubeNodeCount: number | null;
  /** The Kubernetes version its API server and nodes report (they follow an upgrade once it ends). */
  kubeRunningVersion?: string;
  /** lb-blocks-delete: id of the LoadBalancer service's Octavia LB once created. */
  extraLbId: string | null;
  /** Created through the API while the sim runs (not seeded): its Kubernetes objects date from the end of its create. */
  createdLive?: boolean;
}

export interface SimLoadBalancer {
  id: string;
  name: string;
  description: string;
  projectId: string;
  vipSubnetId: string;
  vipNetworkId: string;
  vipAddress: string;
  vipPortId: string;
  listenerIds: string[];
  poolIds: string[];
  createdAt: number;
  /** The cluster whose Heat stack (or Cluster API's OpenStackCluster) owns this LB (its API LBs), if any. */
  heatClusterId: string | null;
  /** Octavia could not provision it (ERROR), so it never carries traffic. */
  provisioningError?: true;
  deleteRequestedAt: number | null;
  /** When it is gone for good (deletes take a while in Octavia). */
  goneAt: number | null;
}

export interface SimState {
  clock: SimClock;
  kube: KubeBackend;
  users: SimUser[];
  projects: SimProject[];
  appCredentials: SimAppCredential[];
  tokens: Map<string, SimToken>;
  tokenTtlMs: number;
  keypairs: string[];
  templates: SimTemplate[];
  clusters: SimCluster[];
  loadBalancers: SimLoadBalancer[];
  /** The public (external) network Magnum templates point at. */
  externalNetworkId: string;
  /** Injected faults, for every service and the Kubernetes API servers. */
  faults: FaultPlan;
}

export const DEFAULT_DOMAIN_ID = 'default';

/** A fresh cloud: user demo / demo-password in project demo, one app credential, no clusters. */
export function createSimState(clock: SimClock, kube: KubeBackend, tokenTtlSeconds = 3600): SimState {
  const project: SimProject = { id: newHexId(), name: 'demo', domainId: DEFAULT_DOMAIN_ID, clusterQuota: 40 };
  const user: SimUser = {
    id: newHexId(),
    name: 'demo',
    password: 'demo-password',
    domainId: DEFAULT_DOMAIN_ID,
    roles: ['member', 'reader', 'load-balancer_member'],
  };
  const viewer: SimUser = { id: newHexId(), name: 'viewer', password: 'viewer-password', domainId: DEFAULT_DOMAIN_ID, roles: ['reader'] };
  const appCredential: SimAppCredential = {
    id: newHexId(),
    name: 'kube-chatops',
    secret: `sim-${newUuid()}`,
    userId: user.id,
    projectId: project.id,
  };
  const tokens = new Map<string, SimToken>();
  // An expired token fails lookups (expiresAt must be in the future), as a revoked one would.
  const faults = new FaultPlan(() => {
    for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, clock.now());
  });
  return {
    clock,
    kube,
    faults,
    users: [user, viewer],
    projects: [project],
    appCredentials: [appCredential],
    tokens,
    tokenTtlMs: tokenTtlSeconds * 1000,
    keypairs: ['demo-key'],
    templates: [],
    clusters: [],
    loadBalancers: [],
    externalNetworkId: newUuid(),
  };
}
