import type { ClusterContext } from './cluster-context.js';
import { apiGroup, apiGroupList, apiVersions, findResource, GROUPS, resourceList } from './kube-resources.js';
import { forbidden, noSuchPath } from './kube-status.js';
import { handleResource, type HandlerResult } from './resource-handler.js';

export interface ApiRequest {
  method: string;
  url: URL;
  accept: string | undefined;
  contentType: string | undefined;
  body: unknown;
  user: { name: string; groups: string[] };
  now: number;
}

export interface ServerInfo {
  serverAddress: string;
  kubeVersion: string;
}

/** Routes one authenticated request: version, discovery, then resource paths. */
export function routeApi(ctx: ClusterContext, info: ServerInfo, req: ApiRequest): HandlerResult {
  const path = req.url.pathname.replace(/\/+$/, '') || '/';
  const ok = (body: unknown): HandlerResult => ({ status: 200, body });
  if (req.method === 'GET') {
    if (path === '/version') return ok(versionInfo(info.kubeVersion));
    if (path === '/healthz' || path === '/readyz' || path === '/livez') return { status: 200, body: 'ok', text: true };
    if (path === '/api') return ok(apiVersions(info.serverAddress));
    if (path === '/apis') return ok(apiGroupList());
    if (path === '/api/v1') return ok(resourceList(''));
    for (const group of GROUPS) {
      if (path === `/apis/${group}`) return ok(apiGroup(group));
      if (path === `/apis/${group}/v1`) return ok(resourceList(group));
    }
  }
  const parts = path.split('/').filter(Boolean);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') {
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts[2] === 'v1' && parts[1] !== undefined) {
    group = parts[1];
    rest = parts.slice(3);
  } else {
    throw noSuchPath();
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resourceName = '', name, subresource, ...extra] = rest;
  const resource = findResource(group, resourceName);
  if (!resource || extra.length > 0 || (namespace !== undefined && !resource.namespaced)) throw noSuchPath();
  if (!req.user.groups.includes('system:masters')) {
    const verb = req.method === 'GET' ? (name === undefined ? 'list' : 'get') : req.method.toLowerCase();
    throw forbidden(req.user.name, verb, subresource ? `${resource.name}/${subresource}` : resource.name, group, namespace);
  }
  return handleResource(ctx, {
    method: req.method,
    resource,
    namespace,
    name,
    subresource,
    query: req.url.searchParams,
    accept: req.accept,
    contentType: req.contentType,
    body: req.body,
    now: req.now,
  });
}

function versionInfo(kubeVersion: string): object {
  const [major = '1', minor = '0'] = kubeVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion: kubeVersion.startsWith('v') ? kubeVersion : `v${kubeVersion}`,
    gitCommit: 'fa3d7990104d7c1f16943a67f11b154b71f6a132',
    gitTreeState: 'clean',
    buildDate: '2023-07-19T12:14:49Z',
    goVersion: 'go1.20.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
