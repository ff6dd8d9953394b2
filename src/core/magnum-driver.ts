/**
 * Which Magnum driver runs a cluster, told from what Magnum itself says (never by asking Heat
 * and seeing it fail).
 *
 * How Magnum picks a driver: by the template's (server_type, cluster_distro, coe), where
 * cluster_distro is the image's `os_distro` property; since 2024.1 the image's `magnum_driver`
 * property breaks ties, and a `driver` field on the template itself is specified for 2026.2
 * (https://opendev.org/openstack/magnum-specs/src/branch/master/specs/caracal/improve-driver-discovery.rst,
 * "Explicit Driver Selection in Cluster Templates" in magnum-specs). The drivers this bot knows:
 *
 * - Heat (`k8s_fedora_coreos_v1`, deprecated in 2025.1, removed from master in 2026): os_distro
 *   `fedora-coreos`; `stack_id` is the Heat stack's UUID; health_status_reason keys are
 *   `api` and `<node>.Ready`.
 * - magnum-capi-helm (`k8s_capi_helm_v1`,
 *   https://github.com/openstack/magnum-capi-helm/blob/a8b82c2480a286a10b60ecc1d94c6cd9f1d01823/magnum_capi_helm/driver.py):
 *   os_distro `ubuntu` or `flatcar`, the image carries `kube_version`, labels such as
 *   `capi_helm_chart_version`; `stack_id` is the Helm release name, `<name, 30 chars>-<12 random
 *   lowercase alphanumerics>`; status_reason stays empty while Cluster API reconciles (the
 *   driver only moves the status once the Cluster's InfrastructureReady, ControlPlaneReady and
 *   Ready conditions are True); health_status_reason has the keys `cluster`, `infrastructure`,
 *   `controlplane`, `nodegroup`, each `Ready` or text like `Waiting on ['Ready']` or
 *   `<failureReason>: <failureMessage>` (common/capi_monitor.py). Nova servers are the Cluster
 *   API machines: `<release>-control-plane-<5>` and `<release>-<nodegroup>-<5>-<5>`.
 * - magnum-cluster-api (Vexxhost, `k8s_cluster_api_<distro>`,
 *   https://github.com/vexxhost/magnum-cluster-api/blob/3890a362b74321726e777e5203fb045da5cb59bc/magnum_cluster_api/driver.py):
 *   os_distro `ubuntu`, `ubuntu-focal`, `debian`, `flatcar` or `rockylinux`, the version in the
 *   `kube_tag` label; `stack_id` is `kube-<5 lowercase alphanumerics>` (utils.py
 *   generate_cluster_api_name); while in progress status_reason reads
 *   `CAPI Cluster status: <event reason>: <event message>. CAPI OpenstackCluster status reason:
 *   <event reason>: <event message>` (the latest Kubernetes events of the Cluster and its
 *   OpenStackCluster; Cluster API Provider OpenStack writes e.g. `FailedCreateServer: Failed to
 *   create server ...`, `FailedCreateLoadBalancer: ...`); health_status_reason has `api`
 *   (`ok`/`nok`) and `<machine>.Ready` per machine (src/monitor.rs).
 *
 * Both Cluster API drivers upgrade with Magnum's upgrade action (POST
 * /v1/clusters/{id}/actions/upgrade, microversion 1.8) to another template: magnum-capi-helm
 * moves the cluster to the template (image, kube_version), magnum-cluster-api copies its kube_tag.
 */
export type DriverFamily = 'heat' | 'cluster-api' | 'unknown';

/** The driver as far as Magnum's answers tell it. `capi` is a Cluster API driver whose flavour is not known yet. */
export type MagnumDriver = 'heat' | 'magnum-capi-helm' | 'magnum-cluster-api' | 'capi' | 'unknown';

export interface DriverFacts {
  driver: MagnumDriver;
  family: DriverFamily;
  /** What told it, for the user and the logs: `template driver k8s_capi_helm_v1`, `stack_id kube-7ykqh`, ... */
  because: string;
}

export interface DriverEvidence {
  /** The template's `driver` field, where Magnum sends one. */
  templateDriver?: string | null | undefined;
  /** The template's cluster_distro (the image's os_distro). */
  clusterDistro?: string | null | undefined;
  /** The template's labels and the cluster's. */
  labels?: Record<string, string> | undefined;
  /** The cluster's stack_id (null before the driver set it). */
  stackId?: string | null | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLUSTER_API_NAME = /^kube-[a-z0-9]{5}$/;
const CAPI_HELM_RELEASE = /^[a-z0-9][a-z0-9-]{0,29}-[a-z0-9]{12}$/;
const HEAT_DISTROS = ['fedora-coreos', 'fedora-atomic', 'coreos'];
const CLUSTER_API_ONLY_DISTROS = ['ubuntu-focal', 'debian', 'rockylinux'];
const CAPI_DISTROS = ['ubuntu', 'flatcar'];
/** Labels only magnum-capi-helm reads (conf.py capi_helm_cluster_labels). */
const CAPI_HELM_LABELS = ['capi_helm_chart_version'];

const FAMILY: Record<MagnumDriver, DriverFamily> = {
  heat: 'heat',
  'magnum-capi-helm': 'cluster-api',
  'magnum-cluster-api': 'cluster-api',
  capi: 'cluster-api',
  unknown: 'unknown',
};

const facts = (driver: MagnumDriver, because: string): DriverFacts => ({ driver, family: FAMILY[driver], because });

/** A driver entry-point name (`k8s_capi_helm_v1`, `k8s_cluster_api_ubuntu`, `k8s_fedora_coreos_v1`) to the driver. */
export function driverOfEntryPoint(name: string): MagnumDriver {
  if (/^k8s_capi_helm/.test(name)) return 'magnum-capi-helm';
  if (/^k8s_cluster_api/.test(name)) return 'magnum-cluster-api';
  if (/^k8s_fedora_(coreos|atomic)|^k8s_coreos|^swarm|^mesos/.test(name)) return 'heat';
  return 'unknown';
}

/**
 * The driver of a cluster: the template's explicit `driver` first, then the shape of stack_id
 * (what the driver wrote), then labels only one driver reads, then the distro.
 */
export function detectDriver(evidence: DriverEvidence): DriverFacts {
  const declared = evidence.templateDriver?.trim();
  if (declared) {
    const driver = driverOfEntryPoint(declared);
    if (driver !== 'unknown') return facts(driver, `template driver ${declared}`);
  }
  const stackId = evidence.stackId?.trim();
  if (stackId) {
    if (UUID.test(stackId)) return facts('heat', `stack_id ${stackId} is a Heat stack UUID`);
    if (CLUSTER_API_NAME.test(stackId)) return facts('magnum-cluster-api', `stack_id ${stackId} is a magnum-cluster-api name`);
    if (CAPI_HELM_RELEASE.test(stackId)) return facts('magnum-capi-helm', `stack_id ${stackId} is a magnum-capi-helm release name`);
  }
  const label = CAPI_HELM_LABELS.find((key) => evidence.labels?.[key] !== undefined);
  if (label !== undefined) return facts('magnum-capi-helm', `label ${label}`);
  const distro = evidence.clusterDistro?.trim().toLowerCase();
  if (distro) {
    if (HEAT_DISTROS.includes(distro)) return facts('heat', `cluster_distro ${distro}`);
    if (CLUSTER_API_ONLY_DISTROS.includes(distro)) return facts('magnum-cluster-api', `cluster_distro ${distro}`);
    if (CAPI_DISTROS.includes(distro)) return facts('capi', `cluster_distro ${distro}`);
  }
  if (declared) return facts('unknown', `template driver ${declared}`);
  return facts('unknown', 'no driver, stack_id or distro Magnum names');
}

/** A short name for users: `Heat`, `magnum-capi-helm`, `Cluster API`. */
export function driverLabel(driver: MagnumDriver): string {
  if (driver === 'heat') return 'Heat (k8s_fedora_coreos_v1)';
  if (driver === 'capi') return 'Cluster API';
  if (driver === 'unknown') return 'unknown driver';
  return driver;
}

/**
 * The names Cluster API Provider OpenStack gives a Cluster API cluster's network and subnet,
 * `k8s-clusterapi-cluster-<namespace>-<cluster>`: magnum-cluster-api keeps its clusters in
 * `magnum-system`, magnum-capi-helm in `magnum-<project id>` (driver_utils.cluster_namespace).
 * Both candidates when the flavour is not known.
 */
export function capoNetworkNames(driver: MagnumDriver, stackId: string, projectId: string | null): string[] {
  const name = (namespace: string) => `k8s-clusterapi-cluster-${namespace}-${stackId}`;
  const helm = projectId === null ? [] : [name(`magnum-${projectId}`)];
  if (driver === 'magnum-cluster-api') return [name('magnum-system')];
  if (driver === 'magnum-capi-helm') return helm;
  return [name('magnum-system'), ...helm];
}
