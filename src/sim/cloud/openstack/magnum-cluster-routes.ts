import { z } from 'zod';
import type { Logger } from '../../../core/ports.js';
import { UPGRADABLE_STATUSES } from '../../../core/upgrade-check.js';
import { UPDATE_DURATION_MS, UPGRADE_DURATION_MS } from './cluster-lifecycle.js';
import { STALLED_MS } from './capi-model.js';
import { imageOf } from './image-model.js';
import { addCluster, startDelete } from './cluster-factory.js';
import { json, type Reply, type RouteContext } from './http-router.js';
import { newHexId } from './ids.js';
import { magnumError } from './magnum-http.js';
import { canWrite, findCluster, findTemplate, isReply, visibleClusters } from './magnum-lookup.js';
import { clusterDetail, clusterSummary } from './magnum-views.js';
import type { SimCluster, SimState, SimToken } from './sim-state.js';
import type { ClusterPhase } from './cluster-lifecycle.js';

const NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.-]*$/;
/** The statuses Magnum's conductor resizes and upgrades from. */
const UPDATABLE: readonly string[] = UPGRADABLE_STATUSES;
const INTERNAL_PATHS = [
  '/api_address',
  '/node_addresses',
  '/master_addresses',
  '/stack_id',
  '/cluster_id',
  '/ca_cert_ref',
  '/magnum_cert_ref',
  '/trust_id',
  '/trustee_user_name',
  '/trustee_password',
  '/trustee_user_id',
  '/etcd_ca_cert_ref',
  '/front_proxy_ca_cert_ref',
];

const createSchema = z.object({
  name: z.string().nullish(),
  cluster_template_id: z.string(),
  keypair: z.string().nullish(),
  node_count: z.number().int().nullish(),
  master_count: z.number().int().nullish(),
  docker_volume_size: z.number().int().nullish(),
  labels: z.record(z.string(), z.coerce.string()).nullish(),
  merge_labels: z.boolean().nullish(),
  flavor_id: z.string().nullish(),
  master_flavor_id: z.string().nullish(),
  create_timeout: z.number().int().nullish(),
  floating_ip_enabled: z.boolean().nullish(),
});

const invalid = (field: string, value: unknown, rule: string) =>
  magnumError(400, `Invalid input for field/attribute ${field}. Value: '${String(value)}'. ${rule}`);

type Found = { cluster: SimCluster; phase: ClusterPhase };

async function create(ctx: RouteContext, state: SimState, token: SimToken): Promise<Reply> {
  if (!canWrite(state, token)) return magnumError(403, "Policy doesn't allow cluster:create to be performed.");
  const parsed = createSchema.safeParse(ctx.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return magnumError(400, `Invalid input for field/attribute ${String(issue?.path[0] ?? 'cluster')}. ${issue?.message ?? ''}`);
  }
  const body = parsed.data;
  const name = body.name ?? `cluster-${newHexId().slice(0, 8)}`;
  if (!NAME_PATTERN.test(name) || name.length > 242) {
    return invalid('name', name, `Value should match the pattern ${NAME_PATTERN.source}`);
  }
  const masterCount = body.master_count ?? 1;
  if (masterCount < 1) return invalid('master_count', masterCount, 'Value should be greater or equal to 1');
  const nodeCount = body.node_count ?? 1;
  if (nodeCount < 0) return invalid('node_count', nodeCount, 'Value should be greater or equal to 0');
  const volume = body.docker_volume_size;
  if (volume !== undefined && volume !== null && volume < 1)
    return invalid('docker_volume_size', volume, 'Value should be greater or equal to 1');
  const template = findTemplate(state, token, body.cluster_template_id);
  if (!template) return magnumError(404, `ClusterTemplate ${body.cluster_template_id} could not be found.`);
  const keypair = body.keypair ?? template.keypairId;
  if (keypair !== null && !state.keypairs.includes(keypair)) return magnumError(404, `Unable to find keypair ${keypair}.`);
  const project = state.projects.find((p) => p.id === token.projectId);
  const quota = project?.clusterQuota ?? 20;
  if (visibleClusters(state, token).length >= quota) {
    return magnumError(
      403,
      `Resource limit exceeded: You have reached the maximum clusters per project, ${quota}. You may delete a cluster to make room for a new one.`,
    );
  }
  const cluster = addCluster(
    state,
    {
      name,
      template,
      keypair,
      nodeCount,
      masterCount,
      dockerVolumeSize: body.docker_volume_size ?? template.dockerVolumeSize,
      labels: body.labels ?? null,
      mergeLabels: body.merge_labels ?? false,
      flavorId: body.flavor_id ?? template.flavorId,
      masterFlavorId: body.master_flavor_id ?? template.masterFlavorId,
      createTimeout: body.create_timeout ?? 60,
      floatingIpEnabled: body.floating_ip_enabled ?? null,
      projectId: token.projectId,
      userId: token.userId,
    },
    state.clock.now(),
  );
  cluster.createdLive = true;
  // Magnum creates the cluster's CA when the create is accepted.
  cluster.ca = await state.kube.createCertAuthority(`${cluster.name}-ca`);
  return json(202, { uuid: cluster.uuid });
}

function resizeTo(state: SimState, found: Found, nodeCount: number, verb: string): Reply {
  if (!UPDATABLE.includes(found.phase.status)) {
    return magnumError(400, `${verb} a cluster when status is "${found.phase.status}" is not supported.`);
  }
  const { cluster } = found;
  if (nodeCount !== cluster.nodeCount) {
    cluster.ops.push({
      kind: 'update',
      at: state.clock.now(),
      durationMs: UPDATE_DURATION_MS,
      fromNodeCount: cluster.nodeCount,
      toNodeCount: nodeCount,
    });
    cluster.nodeCount = nodeCount;
  }
  return json(202, { uuid: cluster.uuid });
}

const patchSchema = z.array(z.object({ op: z.string(), path: z.string(), value: z.unknown().optional() }));

function patch(ctx: RouteContext, state: SimState, token: SimToken): Reply {
  if (!canWrite(state, token)) return magnumError(403, "Policy doesn't allow cluster:update to be performed.");
  const found = findCluster(state, token, ctx.params['id'] ?? '');
  if (isReply(found)) return found;
  const parsed = patchSchema.safeParse(ctx.body);
  if (!parsed.success) return magnumError(400, 'Invalid input for field/attribute patch. Value should be a list of JSON patch operations.');
  let nodeCount = found.cluster.nodeCount;
  for (const p of parsed.data) {
    if (INTERNAL_PATHS.includes(p.path)) return magnumError(400, `'${p.path}' is an internal attribute and can not be updated`);
    if (p.path !== '/node_count' || p.op !== 'replace')
      return magnumError(400, `Updating ${p.path.slice(1)} with op ${p.op} is not supported.`);
    const value = Number(p.value);
    if (!Number.isInteger(value) || value < 0) return invalid('node_count', p.value, 'Value should be greater or equal to 0');
    nodeCount = value;
  }
  return resizeTo(state, found, nodeCount, 'Updating');
}

const resizeSchema = z.object({
  node_count: z.number().int(),
  nodes_to_remove: z.array(z.string()).nullish(),
  nodegroup: z.string().nullish(),
});

function resize(ctx: RouteContext, state: SimState, token: SimToken): Reply {
  if (!canWrite(state, token)) return magnumError(403, "Policy doesn't allow cluster:resize to be performed.");
  const found = findCluster(state, token, ctx.params['id'] ?? '');
  if (isReply(found)) return found;
  const parsed = resizeSchema.safeParse(ctx.body);
  if (!parsed.success) return magnumError(400, 'Invalid input for field/attribute node_count. Mandatory field missing.');
  const { node_count: count, nodegroup } = parsed.data;
  const ng = nodegroup ?? 'default-worker';
  const { cluster } = found;
  if (ng === 'default-master' || ng === cluster.masterNodegroupId) {
    return magnumError(400, 'Resizing a master nodegroup is not supported.');
  }
  if (ng !== 'default-worker' && ng !== cluster.workerNodegroupId) return magnumError(404, `Nodegroup ${ng} could not be found.`);
  if (count < 0) {
    return magnumError(400, `Resizing default-worker outside the allowed range: min_node_count = 0, max_node_count = None`);
  }
  return resizeTo(state, found, count, 'Resizing');
}

const upgradeSchema = z.object({
  cluster_template: z.string(),
  max_batch_size: z.number().int().nullish(),
  nodegroup: z.string().nullish(),
});

/**
 * `POST /clusters/{id}/actions/upgrade` (microversion 1.8): the cluster moves to the new template
 * at once (magnum-capi-helm sets cluster_template_id, magnum-cluster-api also copies kube_tag);
 * the machines roll over during UPDATE_IN_PROGRESS and coe_version follows at the end.
 */
function upgrade(ctx: RouteContext, state: SimState, token: SimToken): Reply {
  if (!canWrite(state, token)) return magnumError(403, "Policy doesn't allow cluster:upgrade to be performed.");
  const found = findCluster(state, token, ctx.params['id'] ?? '');
  if (isReply(found)) return found;
  const parsed = upgradeSchema.safeParse(ctx.body);
  if (!parsed.success) return magnumError(400, 'Invalid input for field/attribute cluster_template. Mandatory field missing.');
  const body = parsed.data;
  if ((body.max_batch_size ?? 1) < 1) return invalid('max_batch_size', body.max_batch_size, 'Value should be greater or equal to 1');
  if (!UPDATABLE.includes(found.phase.status)) {
    return magnumError(400, `Upgrading a cluster when status is "${found.phase.status}" is not supported.`);
  }
  const template = findTemplate(state, token, body.cluster_template);
  if (!template) return magnumError(404, `ClusterTemplate ${body.cluster_template} could not be found.`);
  const { cluster } = found;
  if (template.uuid === cluster.templateId) return magnumError(400, 'The cluster is already using this template; nothing to upgrade.');
  if (template.driver !== cluster.driver) {
    return magnumError(
      400,
      `Cluster type (vm, ${template.clusterDistro}, kubernetes) of the new template does not match the cluster's driver.`,
    );
  }
  const version = template.labels['kube_tag'] ?? imageOf(template.imageId).kubeVersion ?? cluster.kubeVersion;
  cluster.ops.push({
    kind: 'update',
    at: state.clock.now(),
    // capi-upgrade-no-room: the surge machine never boots, so Cluster API never finishes the rollout.
    durationMs: cluster.scenario === 'capi-upgrade-no-room' ? STALLED_MS : UPGRADE_DURATION_MS,
    fromNodeCount: cluster.nodeCount,
    toNodeCount: cluster.nodeCount,
    upgradeFrom: { templateId: cluster.templateId, kubeVersion: cluster.kubeVersion },
  });
  cluster.templateId = template.uuid;
  cluster.kubeVersion = version;
  if (cluster.driver === 'magnum-cluster-api' && template.labels['kube_tag'] !== undefined) {
    cluster.labels = { ...cluster.labels, kube_tag: template.labels['kube_tag'] };
  }
  return json(202, { uuid: cluster.uuid });
}

async function remove(ctx: RouteContext, state: SimState, token: SimToken): Promise<Reply> {
  if (!canWrite(state, token)) return magnumError(403, "Policy doesn't allow cluster:delete to be performed.");
  const found = findCluster(state, token, ctx.params['id'] ?? '');
  if (isReply(found)) return found;
  if (found.phase.status !== 'DELETE_IN_PROGRESS') {
    startDelete(state, found.cluster, state.clock.now());
    await found.cluster.kube?.close();
    found.cluster.kube = null;
  }
  return { status: 204 };
}

/** What Magnum answers when it renders a cluster whose nodegroups a delete has already destroyed. */
const nodegroupsGone = () => invalid('master_count', 0, 'Value should be greater or equal to 1');

/** Magnum's cluster endpoints, keyed for the version-checking mount in magnum-routes. */
export function clusterHandlers(state: SimState, _logger: Logger) {
  const listOf = (token: SimToken, view: (x: Found) => unknown): Reply => {
    const clusters = visibleClusters(state, token);
    if (clusters.some((x) => x.phase.nodegroupsGone)) return nodegroupsGone();
    return json(200, { clusters: clusters.map(view) });
  };
  return {
    list: (ctx: RouteContext, token: SimToken) => listOf(token, (x) => clusterSummary(ctx.origin, x.cluster, x.phase, state)),
    detailList: (ctx: RouteContext, token: SimToken) => listOf(token, (x) => clusterDetail(ctx.origin, x.cluster, x.phase, state)),
    show: (ctx: RouteContext, token: SimToken) => {
      const found = findCluster(state, token, ctx.params['id'] ?? '');
      if (isReply(found)) return found;
      return found.phase.nodegroupsGone ? nodegroupsGone() : json(200, clusterDetail(ctx.origin, found.cluster, found.phase, state));
    },
    create: (ctx: RouteContext, token: SimToken) => create(ctx, state, token),
    patch: (ctx: RouteContext, token: SimToken) => patch(ctx, state, token),
    resize: (ctx: RouteContext, token: SimToken) => resize(ctx, state, token),
    upgrade: (ctx: RouteContext, token: SimToken) => upgrade(ctx, state, token),
    remove: (ctx: RouteContext, token: SimToken) => remove(ctx, state, token),
  };
}
