/** The resources the simulated API server serves, and its discovery documents. */
export interface ResourceDef {
  name: string;
  singularName: string;
  kind: string;
  group: '' | 'apps' | 'batch';
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** Subresources served, e.g. `log`, `scale`, `status`. */
  subresources: string[];
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const def = (
  name: string,
  kind: string,
  group: ResourceDef['group'],
  namespaced: boolean,
  shortNames: string[],
  subresources: string[] = [],
  verbs: string[] = ALL,
): ResourceDef => ({ name, singularName: kind.toLowerCase(), kind, group, namespaced, shortNames, verbs, subresources });

export const RESOURCES: readonly ResourceDef[] = [
  def('namespaces', 'Namespace', '', false, ['ns'], ['status']),
  def('nodes', 'Node', '', false, ['no'], ['status']),
  def('pods', 'Pod', '', true, ['po'], ['log', 'status']),
  def('events', 'Event', '', true, ['ev']),
  def('services', 'Service', '', true, ['svc'], ['status']),
  def('endpoints', 'Endpoints', '', true, ['ep']),
  def('persistentvolumes', 'PersistentVolume', '', false, ['pv'], ['status']),
  def('persistentvolumeclaims', 'PersistentVolumeClaim', '', true, ['pvc'], ['status']),
  def('configmaps', 'ConfigMap', '', true, ['cm']),
  def('replicationcontrollers', 'ReplicationController', '', true, ['rc'], ['scale', 'status']),
  def('deployments', 'Deployment', 'apps', true, ['deploy'], ['scale', 'status']),
  def('statefulsets', 'StatefulSet', 'apps', true, ['sts'], ['scale', 'status']),
  def('replicasets', 'ReplicaSet', 'apps', true, ['rs'], ['scale', 'status']),
  def('daemonsets', 'DaemonSet', 'apps', true, ['ds'], ['status']),
  def('jobs', 'Job', 'batch', true, [], ['status']),
];

export const GROUPS = ['apps', 'batch'] as const;

/** The resource served at `group/v1/name`, if any. */
export function findResource(group: string, name: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.name === name);
}

/** `v1` or `group/v1`. */
export function apiVersionOf(r: ResourceDef): string {
  return r.group === '' ? 'v1' : `${r.group}/v1`;
}

/** `GET /api/v1` or `/apis/{group}/v1`: an APIResourceList, subresources included. */
export function resourceList(group: '' | 'apps' | 'batch'): object {
  const resources = RESOURCES.filter((r) => r.group === group).flatMap((r) => [
    {
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length > 0 ? { shortNames: r.shortNames } : {}),
      ...(['pods', 'services', 'deployments', 'statefulsets', 'replicasets', 'daemonsets', 'jobs', 'replicationcontrollers'].includes(
        r.name,
      )
        ? { categories: ['all'] }
        : {}),
    },
    ...r.subresources.map((sub) => ({
      name: `${r.name}/${sub}`,
      singularName: '',
      namespaced: r.namespaced,
      ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
      kind: sub === 'scale' ? 'Scale' : sub === 'log' ? 'Pod' : r.kind,
      verbs: sub === 'log' ? ['get'] : ['get', 'patch', 'update'],
    })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? 'v1' : `${group}/v1`, resources };
}

/** `GET /api`. */
export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** `GET /apis`. */
export function apiGroupList(): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: GROUPS.map((name) => apiGroup(name)),
  };
}

/** `GET /apis/{group}`. */
export function apiGroup(name: string): object {
  const version = { groupVersion: `${name}/v1`, version: 'v1' };
  return { kind: 'APIGroup', apiVersion: 'v1', name, versions: [version], preferredVersion: version };
}
