/** Magnum's cluster statuses (magnum/objects/fields.py ClusterStatus). */
export const CLUSTER_STATUSES = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'UPDATE_IN_PROGRESS',
  'UPDATE_FAILED',
  'UPDATE_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'DELETE_COMPLETE',
  'RESUME_COMPLETE',
  'RESUME_FAILED',
  'RESTORE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'SNAPSHOT_COMPLETE',
  'CHECK_COMPLETE',
  'ADOPT_COMPLETE',
] as const;

export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

/** A JSON object as the server sent it (key order kept), for byte-exact dumps. */
export type RawJson = Record<string, unknown>;

/** One cluster as `GET /v1/clusters` lists it. */
export interface ClusterSummary {
  uuid: string;
  name: string;
  status: string;
  healthStatus: string | null;
  clusterTemplateId: string;
  keypair: string | null;
  nodeCount: number;
  masterCount: number;
  stackId: string | null;
  createTimeout: number | null;
  dockerVolumeSize: number | null;
  labels: Record<string, string>;
  flavorId: string | null;
  masterFlavorId: string | null;
  /** Present when listed through `/v1/clusters/detail`; the plain list omits it. */
  createdAt?: string | null;
  /** Present when listed through `/v1/clusters/detail` (Cluster API drivers write their progress there). */
  statusReason?: string | null;
}

/** One cluster as `GET /v1/clusters/{id}` shows it, plus the raw body for the CLI dump. */
export interface ClusterDetail extends ClusterSummary {
  projectId: string | null;
  statusReason: string | null;
  healthStatusReason: Record<string, unknown>;
  apiAddress: string | null;
  coeVersion: string | null;
  nodeAddresses: string[];
  masterAddresses: string[];
  fixedNetwork: string | null;
  fixedSubnet: string | null;
  masterLbEnabled: boolean | null;
  faults: Record<string, string> | null;
  createdAt: string | null;
  updatedAt: string | null;
  raw: RawJson;
}

export interface ClusterTemplate {
  uuid: string;
  name: string;
  coe: string;
  imageId: string | null;
  dockerStorageDriver: string | null;
  dockerVolumeSize: number | null;
  networkDriver: string | null;
  volumeDriver: string | null;
  flavorId: string | null;
  masterFlavorId: string | null;
  externalNetworkId: string | null;
  clusterDistro: string | null;
  serverType: string | null;
  /** The template's explicit Magnum driver, where the API sends one (see magnum-driver.ts). */
  driver?: string | null;
  labels: Record<string, string>;
  masterLbEnabled: boolean | null;
  raw: RawJson;
}

export interface Nodegroup {
  uuid: string;
  name: string;
  role: string;
  nodeCount: number;
  minNodeCount: number;
  maxNodeCount: number | null;
  flavorId: string | null;
  isDefault: boolean;
  status: string;
}

/** What a user asks Magnum to create. */
export interface ClusterCreateSpec {
  name: string;
  clusterTemplateId: string;
  nodeCount?: number;
  masterCount?: number;
  flavorId?: string;
  masterFlavorId?: string;
  keypair?: string;
  labels?: Record<string, string>;
  mergeLabels?: boolean;
  dockerVolumeSize?: number;
  createTimeout?: number;
}

export function isFailedStatus(status: string): boolean {
  return status.endsWith('_FAILED');
}

export function isInProgressStatus(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}
