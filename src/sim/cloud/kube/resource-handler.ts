import type { ClusterContext } from './cluster-context.js';
import { apiVersionOf, type ResourceDef } from './kube-resources.js';
import { paginate } from './kube-paging.js';
import { parseFieldSelector, parseLabelSelector } from './kube-selectors.js';
import { KubeHttpError, invalid, methodNotAllowed, notFound, noSuchPath } from './kube-status.js';
import { toTable, wantsTable } from './kube-table.js';
import type { SimObject, SimPod } from './kube-types.js';
import { iso } from './kube-names.js';
import { readLog } from './pod-logs.js';
import { deleteJob, deletePod, PATCHABLE, patchWorkload, scaleWorkload } from './workload-ops.js';

export interface ResourceRequest {
  method: string;
  resource: ResourceDef;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
  query: URLSearchParams;
  accept: string | undefined;
  contentType: string | undefined;
  body: unknown;
  now: number;
}

export interface HandlerResult {
  status: number;
  body: unknown;
  /** `text/plain` for logs; JSON otherwise. */
  text?: boolean;
}

/** Serves one request on a resource path (list, get, delete, patch, log, scale). */
export function handleResource(ctx: ClusterContext, req: ResourceRequest): HandlerResult {
  const { resource, namespace, name, subresource, method } = req;
  if (name === undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    return { status: 200, body: list(ctx, req) };
  }
  if (subresource === 'log' && resource.name === 'pods') {
    if (method !== 'GET') throw methodNotAllowed();
    const num = (key: string) => (req.query.get(key) === null ? null : Number.parseInt(req.query.get(key) ?? '', 10));
    const text = readLog(ctx.store, mustGet(ctx, req) as SimPod, {
      container: req.query.get('container'),
      previous: req.query.get('previous') === 'true',
      tailLines: num('tailLines'),
      limitBytes: num('limitBytes'),
    });
    return { status: 200, body: text, text: true };
  }
  if (subresource === 'scale' && resource.subresources.includes('scale')) return scale(ctx, req, namespace ?? 'default', name);
  if (subresource !== undefined) throw noSuchPath();
  if (method === 'GET') {
    const obj = mustGet(ctx, req);
    return {
      status: 200,
      body: wantsTable(req.accept)
        ? toTable(
            resource.name,
            [view(ctx, obj, req.now)],
            { resourceVersion: ctx.store.resourceVersion() },
            req.query.get('includeObject'),
            req.now,
          )
        : view(ctx, obj, req.now),
    };
  }
  if (method === 'DELETE' && resource.name === 'pods') return { status: 200, body: deletePod(ctx, namespace ?? 'default', name, req.now) };
  if (method === 'DELETE' && resource.name === 'jobs') {
    const policy = (req.body as { propagationPolicy?: unknown } | null)?.propagationPolicy ?? req.query.get('propagationPolicy');
    return { status: 200, body: deleteJob(ctx, namespace ?? 'default', name, typeof policy === 'string' ? policy : null, req.now) };
  }
  const patchable = PATCHABLE.find((r) => r === resource.name);
  if (method === 'PATCH' && patchable !== undefined) {
    mergeOnly(req.contentType);
    return { status: 200, body: patchWorkload(ctx, patchable, namespace ?? 'default', name, req.body, req.now) };
  }
  throw methodNotAllowed();
}

function list(ctx: ClusterContext, req: ResourceRequest): unknown {
  const labels = parseLabelSelector(req.query.get('labelSelector'));
  const fields = parseFieldSelector(req.query.get('fieldSelector'));
  const items = ctx.store.list(req.resource.name, req.namespace).filter((o) => labels(o) && fields(o) && happened(o, req.now));
  const page = paginate(items, req.query.get('limit'), req.query.get('continue'), ctx.store.resourceVersion());
  const viewed = page.items.map((o) => view(ctx, o, req.now));
  if (wantsTable(req.accept)) return toTable(req.resource.name, viewed, page.metadata, req.query.get('includeObject'), req.now);
  return { kind: `${req.resource.kind}List`, apiVersion: apiVersionOf(req.resource), metadata: page.metadata, items: viewed };
}

function mustGet(ctx: ClusterContext, req: ResourceRequest): SimObject {
  const obj = ctx.store.get(req.resource.name, req.resource.namespaced ? req.namespace : undefined, req.name ?? '');
  if (!obj) throw notFound(req.resource.name, req.resource.group, req.name ?? '');
  return obj;
}

/** An event is served once its first occurrence is due on the clock (a scenario dates some ahead). */
function happened(obj: SimObject, now: number): boolean {
  if (obj.kind !== 'Event') return true;
  const first = Date.parse(String(obj['firstTimestamp']));
  return Number.isNaN(first) || first <= now;
}

/** The object as served now: recurring events carry the count and time the clock implies. */
function view(ctx: ClusterContext, obj: SimObject, now: number): SimObject {
  if (obj.kind !== 'Event') return obj;
  const recurrence = ctx.store.getRecurrence(obj.metadata.namespace ?? '', obj.metadata.name);
  const first = Date.parse(String(obj['firstTimestamp']));
  if (!recurrence || now <= first) return obj;
  const repeats = Math.floor((now - first) / recurrence.everyMs);
  return { ...obj, count: Number(obj['count'] ?? 1) + repeats, lastTimestamp: iso(first + repeats * recurrence.everyMs) };
}

function scale(ctx: ClusterContext, req: ResourceRequest, namespace: string, name: string): HandlerResult {
  const resource = req.resource.name;
  if (req.method === 'PUT' || req.method === 'PATCH') {
    if (req.method === 'PATCH') mergeOnly(req.contentType);
    const replicas = (req.body as { spec?: { replicas?: unknown } } | null)?.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw invalid('Scale', name, `spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`);
    }
    scaleWorkload(ctx, resource, namespace, name, replicas, req.now);
  } else if (req.method !== 'GET') throw methodNotAllowed();
  const workload = mustGet(ctx, req);
  const spec = workload['spec'] as { replicas?: number; selector?: { matchLabels?: Record<string, string> } | Record<string, string> };
  const status = (workload['status'] ?? {}) as { replicas?: number };
  const selector = (spec.selector && 'matchLabels' in spec.selector ? spec.selector.matchLabels : spec.selector) as
    Record<string, string> | undefined;
  return {
    status: 200,
    body: {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name,
        namespace,
        uid: workload.metadata.uid,
        resourceVersion: workload.metadata.resourceVersion,
        creationTimestamp: workload.metadata.creationTimestamp,
      },
      spec: { replicas: spec.replicas ?? 0 },
      status: {
        replicas: status.replicas ?? 0,
        selector: Object.entries(selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      },
    },
  };
}

function mergeOnly(contentType: string | undefined): void {
  const type = contentType?.split(';')[0]?.trim();
  if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json') return;
  throw new KubeHttpError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json`,
  );
}
