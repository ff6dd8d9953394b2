/** A JobContext for the lifecycle jobs: in-memory store, audit and Magnum, a recording Slack and queue. */
import type { ClusterDetail, ClusterSummary, ClusterTemplate, Nodegroup } from '../../../../src/core/cluster.js';
import type { NovaServer } from '../../../../src/core/openstack-state.js';
import { NotFoundError, UpstreamError } from '../../../../src/core/errors.js';
import { TEST_SETTINGS, fakeJobContext, memoryHeld } from '../../../helpers/job-deps.js';
import type { ClusterCreateSpec } from '../../../../src/core/cluster.js';
import type { EnqueueOptions, Flavor, NovaApi, OpenStackApi } from '../../../../src/core/ports.js';
import { createMemoryAuditLog } from '../../../helpers/memory-audit-log.js';
import type { JobContext } from '../../../../jobs/definition.js';
import type { OperationStore } from '../../../../jobs/tracking/operation.js';
import { recordingSlack, type SlackCall } from '../job-kit.js';

export const NOW = Date.parse('2026-11-21T12:00:00Z');

export function memoryStore(): OperationStore & { ops: Map<string, unknown>; names: Map<string, string> } {
  const ops = new Map<string, unknown>();
  const names = new Map<string, string>();
  let session = 0;
  let lease: number | null = null;
  return {
    ops,
    names,
    put: async (cloud, id, record) => void ops.set(`${cloud}/${id}`, structuredClone(record)),
    get: async (cloud, id) => ops.get(`${cloud}/${id}`),
    list: async (cloud) => [...ops.entries()].filter(([k]) => k.startsWith(`${cloud}/`)).map(([, v]) => v),
    remove: async (cloud, id) => void ops.delete(`${cloud}/${id}`),
    writeMany: async (cloud, { put, remove }) => {
      for (const { id, record } of put) ops.set(`${cloud}/${id}`, structuredClone(record));
      for (const id of remove) ops.delete(`${cloud}/${id}`);
    },
    pollerSession: async () => {
      if (lease !== null) return { session: lease, started: false };
      lease = ++session;
      return { session: lease, started: true };
    },
    refreshPoller: async (_c, s) => lease === null || lease === s,
    stopPollerIfIdle: async () => {
      if (ops.size > 0) return false;
      lease = null;
      return true;
    },
    reserveName: async (cloud, name, holder) => {
      const key = `${cloud}/${name}`;
      if (!names.has(key)) names.set(key, holder);
      return names.get(key) as string;
    },
    releaseName: async (cloud, name, holder) => {
      if (names.get(`${cloud}/${name}`) === holder) names.delete(`${cloud}/${name}`);
    },
  };
}

export function aCluster(overrides: Partial<ClusterDetail> = {}): ClusterDetail {
  return {
    uuid: '11111111-2222-3333-4444-555555555555',
    name: 'prod-b',
    status: 'CREATE_IN_PROGRESS',
    healthStatus: null,
    clusterTemplateId: 't-1',
    keypair: null,
    nodeCount: 2,
    masterCount: 1,
    stackId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    createTimeout: 60,
    dockerVolumeSize: null,
    labels: {},
    flavorId: null,
    masterFlavorId: null,
    projectId: 'p-1',
    statusReason: null,
    healthStatusReason: {},
    apiAddress: null,
    coeVersion: null,
    nodeAddresses: [],
    masterAddresses: [],
    fixedNetwork: null,
    fixedSubnet: null,
    masterLbEnabled: null,
    faults: null,
    createdAt: null,
    updatedAt: null,
    raw: {},
    ...overrides,
  };
}

export function aTemplate(overrides: Partial<ClusterTemplate> = {}): ClusterTemplate {
  return {
    uuid: 'tpl-uuid',
    name: 'k8s',
    coe: 'kubernetes',
    imageId: null,
    dockerStorageDriver: 'overlay2',
    dockerVolumeSize: null,
    networkDriver: null,
    volumeDriver: null,
    flavorId: null,
    masterFlavorId: null,
    externalNetworkId: null,
    clusterDistro: null,
    serverType: null,
    labels: {},
    masterLbEnabled: null,
    raw: {},
    ...overrides,
  };
}

export interface FakeCloud {
  clusters: ClusterDetail[];
  created: ClusterCreateSpec[];
  listCalls: number;
  heatCalls: number;
  /** Thrown by the next createCluster. */
  createError?: unknown;
  /** Thrown by deleteCluster after Magnum took the delete and removed the cluster (an answer lost). */
  deleteError?: unknown;
  /** The project's templates (default: one, `k8s`). */
  templates?: ClusterTemplate[];
  /** Nodegroups per cluster uuid (default: none). */
  nodegroups?: Record<string, Nodegroup[]>;
  /** Nova's flavors and the bot user's keypairs; null: no compute client at all. */
  nova?: FakeNova | null;
}

export interface FakeNova {
  flavors: Flavor[];
  keypairs: string[];
  /** The project's servers (Cluster API machines), filtered by the name regex asked. */
  servers?: NovaServer[];
  /** Console output by server id. */
  console?: Record<string, string>;
  /** Thrown by every call, e.g. a 403 or the catalog's missing compute endpoint. */
  error?: unknown;
  calls: string[];
}

const HEAT_STACK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Nova with flavors by name and id and keypairs by name, recording what was asked. */
export function fakeNova(nova: FakeNova): NovaApi {
  const call = async <T>(what: string, answer: () => T): Promise<T> => {
    nova.calls.push(what);
    if (nova.error) throw nova.error;
    return answer();
  };
  return {
    listFlavors: () => call('listFlavors', () => nova.flavors.map((f) => ({ ...f }))),
    hasKeypair: (name) => call(`hasKeypair ${name}`, () => nova.keypairs.includes(name)),
    listKeypairs: () => call('listKeypairs', () => [...nova.keypairs]),
    listServers: (regex) =>
      call(`listServers ${regex ?? '(all)'}`, () =>
        (nova.servers ?? []).filter((s) => regex === undefined || new RegExp(regex).test(s.name)).map((s) => ({ ...s })),
      ),
    consoleOutput: (id, lines) => call(`consoleOutput ${id} ${lines}`, () => nova.console?.[id] ?? ''),
  };
}

/** A Magnum/Heat that keeps clusters in memory (enough for the lifecycle jobs). */
export function fakeOpenStack(cloud: FakeCloud): OpenStackApi {
  const find = (idOrName: string) => cloud.clusters.find((c) => c.uuid === idOrName || c.name === idOrName);
  const notFound = () => new NotFoundError('no such cluster');
  return {
    cloud: 'sim',
    projectId: async () => 'p-1',
    magnum: {
      listClusters: async (): Promise<ClusterSummary[]> => {
        cloud.listCalls += 1;
        return cloud.clusters.map((c) => ({ ...c }));
      },
      getCluster: async (idOrName) => {
        const c = find(idOrName);
        if (!c) throw notFound();
        return { ...c };
      },
      createCluster: async (spec) => {
        if (cloud.createError) throw cloud.createError;
        cloud.created.push(spec);
        const c = aCluster({ uuid: `uuid-${cloud.created.length}`, name: spec.name, labels: spec.labels ?? {} });
        cloud.clusters.push(c);
        return { uuid: c.uuid };
      },
      deleteCluster: async (id) => {
        if (cloud.deleteError === undefined) return;
        // Magnum took the delete (it has finished since); the caller never heard.
        cloud.clusters = cloud.clusters.filter((c) => c.uuid !== id);
        throw cloud.deleteError;
      },
      resizeCluster: async () => undefined,
      upgradeCluster: async () => undefined,
      listTemplates: async () => cloud.templates ?? [aTemplate()],
      getTemplate: async (idOrName) => {
        const found = (cloud.templates ?? [aTemplate()]).find((t) => t.name === idOrName || t.uuid === idOrName);
        if (!found) throw new NotFoundError('no template');
        return found;
      },
      listNodegroups: async (idOrName) => cloud.nodegroups?.[find(idOrName)?.uuid ?? idOrName] ?? [],
      getCaCertificate: async () => '',
      signCertificate: async () => '',
    },
    heat: {
      getStack: async () => {
        throw notFound();
      },
      // Each Heat-driver cluster: its stack in progress, a nested network stack complete.
      listStacks: async () => {
        cloud.heatCalls += 1;
        return cloud.clusters.flatMap((c) =>
          c.stackId && HEAT_STACK_ID.test(c.stackId)
            ? [
                { id: c.stackId, name: c.name, status: c.status, parent: null },
                { id: `${c.stackId}-network`, name: `${c.name}-network`, status: 'CREATE_COMPLETE', parent: c.stackId },
              ]
            : [],
        );
      },
      listResources: async () => {
        cloud.heatCalls += 1;
        return [
          {
            name: 'network',
            type: 'file:///network.yaml',
            status: 'CREATE_COMPLETE',
            statusReason: null,
            physicalId: null,
            parent: null,
            path: ['network'],
            stackName: 's',
            nestedStackId: null,
            updatedAt: null,
          },
          {
            name: 'kube_masters',
            type: 'OS::Heat::ResourceGroup',
            status: 'CREATE_IN_PROGRESS',
            statusReason: null,
            physicalId: null,
            parent: null,
            path: ['kube_masters'],
            stackName: 's',
            nestedStackId: null,
            updatedAt: null,
          },
        ];
      },
    },
    octavia: { listLoadBalancers: async () => [], deleteLoadBalancer: async () => undefined },
    neutron: {
      listPorts: async () => [],
      getSubnet: async () => {
        throw notFound();
      },
      listSubnets: async () => [],
    },
    ...(cloud.nova ? { nova: fakeNova(cloud.nova) } : {}),
  };
}

/** A ready context plus what it recorded. */
export function lifecycleKit(options: { jobId?: string; denied?: boolean } = {}) {
  const cloud: FakeCloud = {
    clusters: [],
    created: [],
    listCalls: 0,
    heatCalls: 0,
    nova: {
      flavors: [
        { id: 'f-2-4', name: 'c1.c2r4' },
        { id: 'f-4-8', name: 'c1.c4r8' },
      ],
      keypairs: ['ops-key'],
      calls: [],
    },
  };
  const slack: SlackCall[] = [];
  const enqueued: Array<{ name: string; data: object; jobId: string; background?: true }> = [];
  /** The size of each bulk add. */
  const bulkAdds: number[] = [];
  const recorded = (name: string, data: object, o: EnqueueOptions) => ({
    name,
    data,
    jobId: o.jobId,
    ...(o.background ? { background: true as const } : {}),
  });
  const audit = createMemoryAuditLog();
  const operations = memoryStore();
  let now = NOW;
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };
  const confirmations = { issueWithClaim: () => ({ token: 'kc1.token', claim: { id: 'claim-1' } as never }) };
  const ctx: JobContext = fakeJobContext(
    {
      slack: recordingSlack(slack),
      openstack: () => fakeOpenStack(cloud),
      queue: {
        enqueue: async (name, data, o) => (enqueued.push(recorded(name, data, o)), { jobId: o.jobId, created: true }),
        enqueueMany: async (jobs) => {
          bulkAdds.push(jobs.length);
          enqueued.push(...jobs.map((j) => recorded(j.name, j.data, j.options)));
        },
      },
      access: {
        authorize: async () =>
          options.denied ? { allowed: false, role: 'viewer', message: 'denied' } : { allowed: true, role: 'operator' },
        cloudFor: () => 'sim',
        kubeconfigAllowed: () => true,
      },
      clock: { now: () => now },
      held: memoryHeld(),
      settings: { ...TEST_SETTINGS, confirmTtlMs: 600_000 },
      audit,
      operations,
      confirmations,
    },
    silent,
    { jobId: options.jobId ?? 'cluster-create-C1-t1', updateData: async () => undefined },
  );
  return { ctx, cloud, slack, enqueued, bulkAdds, audit, operations, advance: (ms: number) => void (now += ms) };
}

export { UpstreamError };
