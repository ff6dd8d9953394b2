import type { KubeConfig } from '@kubernetes/client-node';
import { emptyKubeState, type KubeState, type WorkloadKind } from '../core/kube-state.js';
import type { Clock, KubeApi, Logger, PodLogOptions } from '../core/ports.js';
import type { CollectionProblem } from '../core/snapshot.js';
import { KubeHttp, type KubeRetryPolicy } from './kube-http.js';
import {
  ConfigMapSchema,
  DaemonSetSchema,
  EndpointsSchema,
  EventSchema,
  IpPoolSchema,
  JobSchema,
  NamespaceSchema,
  NodeSchema,
  PodSchema,
  PvcSchema,
  PvSchema,
  ServiceSchema,
  VersionSchema,
  WorkloadSchema,
} from './kube-schemas.js';
import { collectList, problemFrom, type ListLimits } from './list-collector.js';
import * as objects from './to-kube-objects.js';
import * as convert from './to-kube-state.js';

export interface KubeApiOptions {
  clock: Clock;
  /** This host's clock, to read the API server's clock from its `Date` headers; Date.now by default. */
  wallClock?: Clock;
  logger: Logger;
  /** Per request. */
  timeoutMs?: number;
  pageSize?: number;
  /** Per resource, across pages. */
  maxListBytes?: number;
  maxLogBytes?: number;
  /** Called when the API answers 401 (the credentials are no longer accepted). */
  onUnauthorized?: () => void;
  /** Retries of transient failures (defaults in KubeHttp). */
  retry?: Partial<KubeRetryPolicy>;
}

const WORKLOADS: [WorkloadKind, string][] = [
  ['Deployment', '/apis/apps/v1/{ns}deployments'],
  ['StatefulSet', '/apis/apps/v1/{ns}statefulsets'],
  ['ReplicaSet', '/apis/apps/v1/{ns}replicasets'],
  ['ReplicationController', '/api/v1/{ns}replicationcontrollers'],
];

/** Problems that only mean an optional resource is not there: Calico's CRDs on a cluster without Calico. */
const ABSENT = new Set(['not_found', 'forbidden']);

const SCALE_PATHS = {
  Deployment: '/apis/apps/v1/namespaces/{ns}/deployments/{name}/scale',
  StatefulSet: '/apis/apps/v1/namespaces/{ns}/statefulsets/{name}/scale',
  ReplicationController: '/api/v1/namespaces/{ns}/replicationcontrollers/{name}/scale',
} as const;

/** The resources `kubectl rollout restart` patches. */
const ROLLOUT_RESOURCES = { Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets' } as const;

const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';

/** The KubeApi port over one cluster's KubeConfig (raw requests, JSON.parse, zod per item). */
export function createKubeApi(kc: KubeConfig, options: KubeApiOptions): KubeApi {
  const http = new KubeHttp(kc, options.onUnauthorized, options.wallClock, options.retry);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const seg = encodeURIComponent;

  async function readState(
    opts: { namespace?: string; timeoutMs?: number } = {},
  ): Promise<{ state: KubeState; problems: CollectionProblem[] }> {
    const limits: ListLimits = {
      timeoutMs: opts.timeoutMs ?? timeoutMs,
      pageSize: options.pageSize ?? 500,
      maxBytes: options.maxListBytes ?? 256 * 1024 * 1024,
    };
    const state = emptyKubeState();
    try {
      const version = VersionSchema.parse(JSON.parse(await http.request({ method: 'GET', path: '/version', timeoutMs: limits.timeoutMs })));
      state.serverVersion = version.gitVersion;
    } catch (error) {
      options.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'kube api version check failed');
      return { state, problems: [problemFrom(error, 'api', limits)] };
    }
    const ns = opts.namespace === undefined ? '' : `namespaces/${seg(opts.namespace)}/`;
    const core = (resource: string) => `/api/v1/${ns}${resource}`;
    const list = <S extends Parameters<typeof collectList>[3]>(what: string, path: string, schema: S) =>
      collectList(http, what, path, schema, limits);
    const [namespaces, nodes, pods, events, services, endpoints, pvcs, pvs, jobs, configMaps, daemonSets, ipPools, ...workloads] =
      await Promise.all([
        list('namespaces', '/api/v1/namespaces', NamespaceSchema),
        list('nodes', '/api/v1/nodes', NodeSchema),
        list('pods', core('pods'), PodSchema),
        list('events', core('events'), EventSchema),
        list('services', core('services'), ServiceSchema),
        list('endpoints', core('endpoints'), EndpointsSchema),
        list('persistentvolumeclaims', core('persistentvolumeclaims'), PvcSchema),
        list('persistentvolumes', '/api/v1/persistentvolumes', PvSchema),
        list('jobs', `/apis/batch/v1/${ns}jobs`, JobSchema),
        list('configmaps', core('configmaps'), ConfigMapSchema),
        list('daemonsets', `/apis/apps/v1/${ns}daemonsets`, DaemonSetSchema),
        // Cluster-scoped and small (a pool or two); which overlay Calico runs (vxlanMode, ipipMode).
        list('calico ip pools', '/apis/crd.projectcalico.org/v1/ippools', IpPoolSchema),
        ...WORKLOADS.map(([kind, path]) => list(`${kind.toLowerCase()}s`, path.replace('{ns}', ns), WorkloadSchema)),
      ]);
    state.namespaces = namespaces.items.map((n) => n.metadata.name).sort();
    state.nodes = nodes.items.map(convert.toKNode);
    state.pods = pods.items.map(convert.toKPod);
    state.events = events.items.map(convert.toKEvent);
    state.services = services.items.map(objects.toKService);
    state.endpoints = endpoints.items.map(objects.toKEndpoints);
    state.pvcs = pvcs.items.map(objects.toKPvc);
    state.pvs = pvs.items.map(objects.toKPv);
    state.jobs = jobs.items.map(objects.toKJob);
    state.configMaps = configMaps.items.map(objects.toKConfigMap);
    state.ipPools = ipPools.items.map(objects.toKIpPool);
    state.workloads = [
      ...WORKLOADS.flatMap(([kind], i) => (workloads[i]?.items ?? []).map((w) => objects.toKWorkload(kind, w))),
      ...daemonSets.items.map(objects.toKDaemonSet),
    ];
    const optional = { ...ipPools, problems: ipPools.problems.filter((p) => !ABSENT.has(p.code)) };
    const problems = [
      namespaces,
      nodes,
      pods,
      events,
      services,
      endpoints,
      pvcs,
      pvs,
      jobs,
      configMaps,
      daemonSets,
      optional,
      ...workloads,
    ].flatMap((c) => c.problems);
    return { state, problems };
  }

  return {
    readState,
    clockSkewMs: () => http.clockSkewMs(),
    async readPodLog(namespace: string, pod: string, logOptions: PodLogOptions = {}): Promise<string> {
      const maxBytes = options.maxLogBytes ?? 4 * 1024 * 1024;
      return http.request({
        method: 'GET',
        path: `/api/v1/namespaces/${seg(namespace)}/pods/${seg(pod)}/log`,
        query: {
          container: logOptions.container,
          previous: logOptions.previous ? true : undefined,
          tailLines: logOptions.tailLines,
          limitBytes: logOptions.limitBytes ?? maxBytes,
        },
        timeoutMs,
        maxBytes: Math.min(logOptions.limitBytes ?? maxBytes, maxBytes) + 64 * 1024,
      });
    },
    async deletePod(namespace: string, name: string): Promise<void> {
      await http.request({ method: 'DELETE', path: `/api/v1/namespaces/${seg(namespace)}/pods/${seg(name)}`, timeoutMs });
    },
    async scale(namespace, kind, name, replicas): Promise<void> {
      const path = SCALE_PATHS[kind].replace('{ns}', seg(namespace)).replace('{name}', seg(name));
      await http.request({ method: 'PATCH', path, body: { spec: { replicas } }, contentType: MERGE_PATCH, timeoutMs });
    },
    async restartWorkload(namespace, kind, name, restartedAt): Promise<void> {
      // What `kubectl rollout restart` sends: a new pod-template annotation rolls every pod.
      await http.request({
        method: 'PATCH',
        path: `/apis/apps/v1/namespaces/${seg(namespace)}/${ROLLOUT_RESOURCES[kind]}/${seg(name)}`,
        body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } },
        contentType: STRATEGIC_PATCH,
        timeoutMs,
      });
    },
    async deleteJob(namespace: string, name: string): Promise<void> {
      // The API's default for a Job orphans its pods (which would keep holding the volume);
      // kubectl asks for background deletion of the dependents, and so does the bot.
      await http.request({
        method: 'DELETE',
        path: `/apis/batch/v1/namespaces/${seg(namespace)}/jobs/${seg(name)}`,
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
        timeoutMs,
      });
    },
  };
}
