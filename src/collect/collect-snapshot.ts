import type { ClusterDetail, ClusterTemplate, Nodegroup } from '../core/cluster.js';
import { NotFoundError } from '../core/errors.js';
import type { KubeState } from '../core/kube-state.js';
import { capoNetworkNames, detectDriver, type DriverFacts } from '../core/magnum-driver.js';
import type { HeatResource, HeatStack, LoadBalancer, NovaServer, Port } from '../core/openstack-state.js';
import type { Clock, KubeApi, KubeConnector, Logger, OpenStackApi } from '../core/ports.js';
import { serverNow } from '../core/server-clock.js';
import type { ClusterSnapshot, CollectionProblem, NodeConsole } from '../core/snapshot.js';
import { toProblem } from './collection-problems.js';
import { withTimeout } from './with-timeout.js';
import { CONSOLE_LINES, collectConsoles, exactName } from './collect-consoles.js';
import type { Part } from './part.js';

export interface CollectDeps {
  openstack?: OpenStackApi;
  kube: KubeConnector;
  clock: Clock;
  logger: Logger;
}

export interface CollectTarget {
  clusterName: string;
  /** A cluster registered by kubeconfig (Kolla, Murano, Heat-template): no OpenStack side. */
  kubeconfigOnly?: boolean;
}

export interface CollectOptions {
  /** Time limit of each part (cluster, template, Heat, load balancers, Kubernetes...). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const HEAT_NESTED_DEPTH = 5;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

interface Collector {
  part: Part;
  problems: CollectionProblem[];
  timeoutMs: number;
  report(problem: CollectionProblem): void;
  /** The clock skews the servers' `Date` headers showed (null: unknown, the bot's clock is used). */
  skew: { kube: number | null; openstack: number | null };
}

function makeCollector(logger: Logger, timeoutMs: number): Collector {
  const problems: CollectionProblem[] = [];
  const report = (problem: CollectionProblem) => {
    logger.warn({ source: problem.source, what: problem.what, code: problem.code }, 'snapshot part not collected');
    problems.push(problem);
  };
  const part: Part = async (source, what, run) => {
    try {
      return await withTimeout(run(), timeoutMs, what);
    } catch (error) {
      report(toProblem(source, what, error));
      return null;
    }
  };
  return { part, problems, timeoutMs, report, skew: { kube: null, openstack: null } };
}

/**
 * Gathers everything diagnostics read about one cluster, in parallel. A part that fails
 * becomes a CollectionProblem; only a cluster that does not exist throws (NotFoundError).
 */
export async function collectSnapshot(deps: CollectDeps, target: CollectTarget, options: CollectOptions = {}): Promise<ClusterSnapshot> {
  const c = makeCollector(deps.logger.child({ cluster: target.clusterName }), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const snapshot = emptySnapshot(target.clusterName);
  const openstack = deps.openstack;
  if (target.kubeconfigOnly === true || openstack === undefined) {
    snapshot.kube = await readKubeconfigCluster(deps.kube, target.clusterName, c);
    return finish(snapshot, c, deps.clock);
  }
  const cluster = await getCluster(openstack, target.clusterName, c);
  c.skew.openstack = openstack.magnum.clockSkewMs?.() ?? null;
  if (cluster === null) return finish(snapshot, c, deps.clock);
  snapshot.cluster = cluster;
  const [template, nodegroups] = await Promise.all([
    c.part<ClusterTemplate>('magnum', 'cluster template', () => openstack.magnum.getTemplate(cluster.clusterTemplateId)),
    c.part<Nodegroup[]>('magnum', 'nodegroups', () => openstack.magnum.listNodegroups(cluster.uuid)),
  ]);
  const driver = detectDriver({
    templateDriver: template?.driver,
    clusterDistro: template?.clusterDistro,
    labels: { ...(template?.labels ?? {}), ...cluster.labels },
    stackId: cluster.stackId,
  });
  const [heat, machines, kube] = await Promise.all([
    collectHeatAndNetwork(openstack, cluster, driver, c.part),
    driver.family === 'cluster-api' ? collectMachines(openstack, cluster, nodegroups ?? [], c.part) : Promise.resolve(null),
    wantsKube(cluster) ? readMagnumKube(deps.kube, openstack, cluster, c) : Promise.resolve(null),
  ]);
  Object.assign(snapshot, heat, { template, nodegroups: nodegroups ?? [], kube, driver }, machines ?? {});
  // Cluster API machines' consoles come with the machines; Heat servers' are read by name.
  const consoles = machines?.consoles ?? (driver.family === 'cluster-api' ? [] : await collectConsoles(openstack, snapshot, c.part));
  if (consoles.length > 0) snapshot.consoles = consoles;
  c.skew.openstack = openstack.magnum.clockSkewMs?.() ?? c.skew.openstack;
  return finish(snapshot, c, deps.clock);
}

async function getCluster(openstack: OpenStackApi, name: string, c: Collector): Promise<ClusterDetail | null> {
  try {
    return await withTimeout(openstack.magnum.getCluster(name), c.timeoutMs, 'cluster');
  } catch (error) {
    if (error instanceof NotFoundError) throw error;
    c.report(toProblem('magnum', 'cluster', error));
    return null;
  }
}

async function readKubeconfigCluster(connector: KubeConnector, name: string, c: Collector): Promise<KubeState | null> {
  let api: KubeApi | null;
  try {
    api = await withTimeout(connector.forKubeconfigCluster(name), c.timeoutMs, 'connection');
  } catch (error) {
    c.report(toProblem('kube', 'connection', error));
    return null;
  }
  if (api === null) throw new NotFoundError(`No cluster named ${name} is registered by kubeconfig.`);
  return readKube(api, c);
}

function wantsKube(cluster: ClusterDetail): boolean {
  return cluster.status.endsWith('_COMPLETE') || cluster.apiAddress !== null;
}

/** Control plane machines whose console is read while the control plane waits. */
const MAX_CONSOLES = 2;

/**
 * A Cluster API cluster's machines (Nova servers named `<stack_id>-...`) and, while a create or
 * update waits on a control plane whose machines run, their console tail: kubeadm writes why
 * the control plane did not initialise there.
 */
async function collectMachines(
  openstack: OpenStackApi,
  cluster: ClusterDetail,
  nodegroups: Nodegroup[],
  part: Part,
): Promise<{ servers: NovaServer[]; consoles: NodeConsole[] } | null> {
  const nova = openstack.nova;
  const stackId = cluster.stackId;
  if (!nova || !stackId) return null;
  const prefix = `^${exactName(stackId).slice(1, -1)}-`;
  const servers = (await part<NovaServer[]>('nova', 'servers', () => nova.listServers(prefix))) ?? [];
  const master = nodegroups.find((g) => g.role === 'master');
  const waiting = cluster.status.endsWith('_IN_PROGRESS') && master !== undefined && !master.status.endsWith('_COMPLETE');
  const running = waiting ? servers.filter((s) => s.status === 'ACTIVE' && s.name.includes('-control-plane-')).slice(0, MAX_CONSOLES) : [];
  const consoles = await Promise.all(
    running.map(async (s): Promise<NodeConsole | null> => {
      const output = await part('nova', `console log of ${s.name}`, () => nova.consoleOutput(s.id, CONSOLE_LINES));
      if (output === null) return null;
      return { server: s.name, serverId: s.id, reason: 'create-in-progress', lines: output.split('\n').filter((l) => l !== '') };
    }),
  );
  return { servers, consoles: consoles.filter((x): x is NodeConsole => x !== null && x.lines.length > 0) };
}

interface HeatAndNetwork {
  stack: HeatStack | null;
  heatResources: HeatResource[];
  subnetId: string | null;
  loadBalancers: LoadBalancer[];
  ports: Port[];
}

async function collectHeatAndNetwork(
  openstack: OpenStackApi,
  cluster: ClusterDetail,
  driver: DriverFacts,
  part: Part,
): Promise<HeatAndNetwork> {
  // Heat is asked only about a Heat-driver cluster (told from what Magnum says, never by trying).
  const stackId = driver.family === 'heat' ? cluster.stackId : null;
  const [stack, resources] =
    stackId === null
      ? [null, null]
      : await Promise.all([
          part<HeatStack>('heat', 'stack', () => openstack.heat.getStack(stackId)),
          part<HeatResource[]>('heat', 'stack resources', () => openstack.heat.listResources(stackId, HEAT_NESTED_DEPTH)),
        ]);
  const heatResources = resources ?? [];
  const subnetId = await resolveSubnet(openstack, cluster, heatResources, driver, part);
  if (subnetId === null) return { stack, heatResources, subnetId, loadBalancers: [], ports: [] };
  const [loadBalancers, ports] = await Promise.all([
    part<LoadBalancer[]>('octavia', 'load balancers', () => openstack.octavia.listLoadBalancers({ vipSubnetId: subnetId })),
    part<Port[]>('neutron', 'ports', () => openstack.neutron.listPorts({ subnetId })),
  ]);
  return { stack, heatResources, subnetId, loadBalancers: loadBalancers ?? [], ports: ports ?? [] };
}

/** cluster.fixedSubnet (resolving a name), else Cluster API Provider OpenStack's subnet, else the physical id of Heat's `private_subnet`. */
async function resolveSubnet(
  openstack: OpenStackApi,
  cluster: ClusterDetail,
  resources: HeatResource[],
  driver: DriverFacts,
  part: Part,
): Promise<string | null> {
  const fixed = cluster.fixedSubnet;
  if (fixed !== null && fixed !== '') {
    if (UUID.test(fixed)) return fixed;
    const found = await part('neutron', 'subnet', () => openstack.neutron.listSubnets({ name: fixed }));
    if (found !== null && found[0] !== undefined) return found[0].id;
  }
  if (driver.family === 'cluster-api' && cluster.stackId) {
    for (const name of capoNetworkNames(driver.driver, cluster.stackId, cluster.projectId)) {
      const found = await part('neutron', 'subnet', () => openstack.neutron.listSubnets({ name }));
      if (found !== null && found[0] !== undefined) return found[0].id;
    }
    return null;
  }
  const heatSubnet = resources.find((r) => r.name === 'private_subnet' || (r.type === 'OS::Neutron::Subnet' && r.path[0] === 'network'));
  return heatSubnet?.physicalId ?? null;
}

async function readMagnumKube(
  connector: KubeConnector,
  openstack: OpenStackApi,
  cluster: ClusterDetail,
  c: Collector,
): Promise<KubeState | null> {
  const api = await c.part('kube', 'connection', () => connector.forMagnumCluster(openstack, cluster));
  return api === null ? null : readKube(api, c);
}

async function readKube(api: KubeApi, c: Collector): Promise<KubeState | null> {
  // readState enforces the limit per request; the outer limit only catches a hang.
  const result = await withTimeout(api.readState({ timeoutMs: c.timeoutMs }), c.timeoutMs + 2_000, 'cluster state').catch(
    (error: unknown) => {
      c.report(toProblem('kube', 'cluster state', error));
      return null;
    },
  );
  c.skew.kube = api.clockSkewMs?.() ?? null;
  if (result === null) return null;
  c.problems.push(...result.problems);
  return result.state;
}

function emptySnapshot(name: string): ClusterSnapshot {
  return {
    name,
    collectedAt: 0,
    cluster: null,
    template: null,
    nodegroups: [],
    stack: null,
    heatResources: [],
    subnetId: null,
    loadBalancers: [],
    ports: [],
    kube: null,
    problems: [],
  };
}

function finish(snapshot: ClusterSnapshot, c: Collector, clock: Clock): ClusterSnapshot {
  const now = clock.now();
  return {
    ...snapshot,
    problems: c.problems,
    collectedAt: now,
    kubeNow: serverNow(now, c.skew.kube),
    openstackNow: serverNow(now, c.skew.openstack),
  };
}
