import { phaseAt, type ClusterPhase } from './cluster-lifecycle.js';
import type { Reply } from './http-router.js';
import { magnumError, notFound } from './magnum-http.js';
import type { SimCluster, SimState, SimTemplate, SimToken } from './sim-state.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The project's clusters that still exist, with their phase now. */
export function visibleClusters(state: SimState, token: SimToken): { cluster: SimCluster; phase: ClusterPhase }[] {
  const now = state.clock.now();
  return state.clusters
    .filter((c) => c.projectId === token.projectId)
    .map((cluster) => ({ cluster, phase: phaseAt(state, cluster, now) }))
    .filter((x): x is { cluster: SimCluster; phase: ClusterPhase } => x.phase !== null);
}

/** Magnum's get_resource: by UUID, else by name (409 when several clusters share it). */
export function findCluster(state: SimState, token: SimToken, ident: string): { cluster: SimCluster; phase: ClusterPhase } | Reply {
  const all = visibleClusters(state, token);
  if (UUID.test(ident)) return all.find((x) => x.cluster.uuid === ident) ?? notFound('Cluster', ident);
  const named = all.filter((x) => x.cluster.name === ident);
  if (named.length > 1) return magnumError(409, 'Multiple clusters exist with same name. Please use the cluster uuid instead.');
  return named[0] ?? notFound('Cluster', ident);
}

/** Templates the project can use: its own and public ones, by UUID or name. */
export function findTemplate(state: SimState, token: SimToken, ident: string): SimTemplate | undefined {
  return state.templates.find((t) => (t.projectId === token.projectId || t.isPublic) && (t.uuid === ident || t.name === ident));
}

export function isReply(value: object): value is Reply {
  return 'status' in value && typeof (value as { status: unknown }).status === 'number' && !('cluster' in value);
}

/** Magnum's default policy: writes need the member role. */
export function canWrite(state: SimState, token: SimToken): boolean {
  return state.users.find((u) => u.id === token.userId)?.roles.includes('member') ?? false;
}
