/**
 * The ports through which commands and jobs reach the world. Adapters in `slack/`,
 * `queue/`, `openstack/`, `kube/` and `tickets/` implement them; tests pass fakes.
 */
import type { ClusterCreateSpec, ClusterDetail, ClusterSummary, ClusterTemplate, Nodegroup } from './cluster.js';
import type { KubeState } from './kube-state.js';
import type { HeatResource, HeatStack, HeatStackEntry, LoadBalancer, NovaServer, Port, Subnet } from './openstack-state.js';
import type { CollectionProblem } from './snapshot.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** The subset of pino's logger the code uses; static message, metadata object first. */
export interface Logger {
  debug(meta: object, msg: string): void;
  info(meta: object, msg: string): void;
  warn(meta: object, msg: string): void;
  error(meta: object, msg: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface EnqueueOptions {
  /** Deterministic id: the same id twice enqueues once. No `:` allowed. */
  jobId: string;
  delayMs?: number;
  attempts?: number;
  /**
   * Background work (the health checks after an operation): runs after every job without it,
   * so hundreds of them queued at once never hold back a poll or a user's command.
   */
  background?: boolean;
}

/** One job of a bulk enqueue. */
export interface JobToEnqueue {
  name: string;
  data: object;
  options: EnqueueOptions;
}

export interface JobQueue {
  /** Adds a job; `created` is false when a job with that id already exists. */
  enqueue(name: string, data: object, options: EnqueueOptions): Promise<{ jobId: string; created: boolean }>;
  /** Adds many jobs in one round trip; an id that already exists is left as it is. */
  enqueueMany(jobs: readonly JobToEnqueue[]): Promise<void>;
}

/** A Slack message in Block Kit form; `text` is the notification and accessibility fallback. */
export interface Message {
  text: string;
  blocks?: readonly object[];
}

export interface MessageRef {
  channel: string;
  ts: string;
}

export interface PostOptions {
  /**
   * Idempotency key: a post whose key was sent before answers with that post's ref instead of
   * posting again (a retried job, a restarted worker, an answer lost on the way back).
   */
  key?: string;
}

export interface UpdateOptions {
  /**
   * A progress edit: sent after results and alerts, replaced by a later edit of the same message
   * while it waits (only the latest state is sent); resolves once queued, not once sent.
   */
  progress?: boolean;
}

/** Slack Web API calls that jobs and commands make (src/slack's outbox keeps them within Slack's limits). */
export interface SlackPoster {
  post(channel: string, message: Message, threadTs?: string, options?: PostOptions): Promise<MessageRef>;
  update(ref: MessageRef, message: Message, options?: UpdateOptions): Promise<void>;
  postEphemeral(channel: string, user: string, message: Message, threadTs?: string): Promise<void>;
  /** Uploads text as a snippet file into the thread; with a key, once per key (as `post`). */
  uploadSnippet(
    channel: string,
    threadTs: string,
    file: { filename: string; title: string; content: string },
    options?: PostOptions,
  ): Promise<void>;
}

export interface MagnumApi {
  listClusters(): Promise<ClusterSummary[]>;
  /** By name or UUID; NotFoundError when there is none. */
  getCluster(idOrName: string): Promise<ClusterDetail>;
  createCluster(spec: ClusterCreateSpec): Promise<{ uuid: string }>;
  deleteCluster(idOrName: string): Promise<void>;
  resizeCluster(uuid: string, nodeCount: number, nodegroup?: string): Promise<void>;
  /** Magnum's upgrade action: the cluster moves to another template (microversion 1.8). */
  upgradeCluster(uuid: string, clusterTemplate: string, options?: { maxBatchSize?: number; nodegroup?: string }): Promise<void>;
  listTemplates(): Promise<ClusterTemplate[]>;
  getTemplate(idOrName: string): Promise<ClusterTemplate>;
  listNodegroups(clusterIdOrName: string): Promise<Nodegroup[]>;
  /** The cluster CA certificate, PEM. */
  getCaCertificate(clusterUuid: string): Promise<string>;
  /** Signs a client CSR with the cluster CA; returns the certificate, PEM. */
  signCertificate(clusterUuid: string, csrPem: string): Promise<string>;
  /**
   * How far Magnum's clock is ahead of this host's, from the `Date` header of its latest
   * response (see `server-clock.ts`); null before any answer or without the header.
   */
  clockSkewMs?(): number | null;
}

export interface HeatApi {
  getStack(stackId: string): Promise<HeatStack>;
  /** All resources, nested stacks flattened (`nested_depth`). */
  listResources(stackId: string, nestedDepth?: number): Promise<HeatResource[]>;
  /**
   * Every stack of the project, nested ones included (`GET /stacks?show_nested=True`): one call
   * for the progress of all Heat-driver clusters of a cloud.
   */
  listStacks(): Promise<HeatStackEntry[]>;
}

export interface OctaviaApi {
  listLoadBalancers(filter: { vipSubnetId?: string; projectId?: string }): Promise<LoadBalancer[]>;
  deleteLoadBalancer(id: string, options: { cascade: boolean }): Promise<void>;
}

export interface NeutronApi {
  listPorts(filter: { subnetId?: string; networkId?: string; deviceOwner?: string }): Promise<Port[]>;
  getSubnet(id: string): Promise<Subnet>;
  listSubnets(filter: { networkId?: string; name?: string }): Promise<Subnet[]>;
}

/** A Nova flavor: a create may name it by name or by id, as Magnum accepts both. */
export interface Flavor {
  id: string;
  name: string;
  /** From `/flavors/detail`, for the quota pre-flight (absent from fakes that do not need them). */
  vcpus?: number;
  ramMb?: number;
}

/** A project's quota per resource: the limit (-1 unlimited) and what is in use. */
export type QuotaUsage = Record<string, { limit: number; inUse: number }>;

/** Quotas and usage of the authenticated project, for the pre-flight of a create or a growing resize. */
export interface QuotaApi {
  /** Nova: instances, cores, ram (MB)... (`GET /os-quota-sets/{project}/detail`). */
  compute(projectId: string): Promise<QuotaUsage>;
  /** Neutron: network, subnet, port, router, floatingip, security_group... (`GET /v2.0/quotas/{project}/details`). */
  network(projectId: string): Promise<QuotaUsage>;
  /** Cinder: volumes, gigabytes, snapshots... (`GET /os-quota-sets/{project}?usage=True`); absent where not wired. */
  volume?(projectId: string): Promise<QuotaUsage>;
  /** Octavia: load_balancer (`GET /v2/lbaas/quotas/{project}`, in use counted from the project's load balancers); absent where not wired. */
  loadBalancer?(projectId: string): Promise<QuotaUsage>;
}

/** Nova (compute), for checking what a create refers to before Magnum is asked. */
export interface NovaApi {
  /** The flavors the project may use (public ones and those shared with it). */
  listFlavors(): Promise<Flavor[]>;
  /** Whether the bot's OpenStack user has a keypair of that name (keypairs belong to a user, not a project). */
  hasKeypair(name: string): Promise<boolean>;
  /** The names of the bot's OpenStack user's keypairs. */
  listKeypairs(): Promise<string[]>;
  /** The project's servers whose name matches Nova's `name` filter (a regular expression; all without one), with faults. */
  listServers(nameRegex?: string): Promise<NovaServer[]>;
  /** The last `lines` lines of a server's console log (`os-getConsoleOutput`). */
  consoleOutput(serverId: string, lines: number): Promise<string>;
}

/** What a cluster template's image says about itself (Glance v2 properties). */
export interface ImageFacts {
  id: string;
  name: string;
  osDistro: string | null;
  /** magnum-capi-helm reads the Kubernetes version from this image property. */
  kubeVersion: string | null;
  /** The `magnum_driver` property: which driver Magnum picks for templates of this image (2024.1+). */
  magnumDriver: string | null;
}

/** Glance (image), for the Kubernetes version of a template whose labels do not name it. */
export interface GlanceApi {
  /** By id or name; NotFoundError when there is none. */
  getImage(idOrName: string): Promise<ImageFacts>;
}

/** One authenticated OpenStack project. */
export interface OpenStackApi {
  readonly cloud: string;
  projectId(): Promise<string>;
  readonly magnum: MagnumApi;
  readonly heat: HeatApi;
  readonly octavia: OctaviaApi;
  readonly neutron: NeutronApi;
  /** Absent where no compute client is wired (fakes); checks that need it are then skipped. */
  readonly nova?: NovaApi;
  /** Absent where not wired (fakes): the quota pre-flight is then skipped. */
  readonly quotas?: QuotaApi;
  /** Absent where not wired (fakes): a template's version then comes from its labels only. */
  readonly glance?: GlanceApi;
}

export interface PodLogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  limitBytes?: number;
}

/** One cluster's Kubernetes API. */
export interface KubeApi {
  readState(options?: { namespace?: string; timeoutMs?: number }): Promise<{ state: KubeState; problems: CollectionProblem[] }>;
  readPodLog(namespace: string, pod: string, options?: PodLogOptions): Promise<string>;
  deletePod(namespace: string, name: string): Promise<void>;
  scale(namespace: string, kind: 'Deployment' | 'StatefulSet' | 'ReplicationController', name: string, replicas: number): Promise<void>;
  /**
   * A rollout restart (`kubectl rollout restart`): sets the pod template's
   * `kubectl.kubernetes.io/restartedAt` to `restartedAt`. The same value twice is no change, so a
   * retried restart does not roll twice.
   */
  restartWorkload(namespace: string, kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', name: string, restartedAt: string): Promise<void>;
  /** Deletes a Job and, in the background, its pods (what `kubectl delete job` does). */
  deleteJob(namespace: string, name: string): Promise<void>;
  /**
   * How far the API server's clock is ahead of this host's, from the `Date` header of its latest
   * response (see `server-clock.ts`); null before any answer or without the header.
   */
  clockSkewMs?(): number | null;
}

/** Opens Kubernetes API access to a Magnum cluster or a kubeconfig-registered one. */
export interface KubeConnector {
  forMagnumCluster(openstack: OpenStackApi, cluster: ClusterDetail): Promise<KubeApi>;
  /** Clusters added by kubeconfig file (KUBECONFIG_DIR); null when there is none by that name. */
  forKubeconfigCluster(name: string): Promise<KubeApi | null>;
  listKubeconfigClusters(): Promise<string[]>;
}

/** How a slash command, button or form ended, as counted in `kube_chatops_commands_total`. */
export type CommandOutcome = 'ok' | 'usage' | 'denied' | 'error';

/** Counts what the registry routes (src/metrics implements it over prom-client). */
export interface CommandMetrics {
  handled(subcommand: string, outcome: CommandOutcome): void;
}

/** How a job run ended: done, failed for good (not retryable), or an error that BullMQ retries. */
export type JobOutcome = 'done' | 'failed' | 'error';

/** Counts job runs and their durations (src/metrics implements it over prom-client). */
export interface JobMetrics {
  finished(job: string, outcome: JobOutcome, durationMs: number): void;
  /** How long a run waited in the queue after it was due (the poll job's wait is the poll lag). */
  waited(job: string, waitMs: number): void;
}

/** Counts Slack Web API calls by method and HTTP status (429 is a rate limit); `error` when no response came. */
export interface SlackCallMetrics {
  called(method: string, status: number | 'error'): void;
}

/** Counts OpenStack HTTP requests by service and status, with their latency; `error` when no response came. */
export interface OpenStackCallMetrics {
  called(service: string, status: number | 'error', durationMs: number): void;
}
