import { CREATE_CANCEL_ACTION, CREATE_WITH_VOLUME_ACTION, CREATE_WITHOUT_VOLUME_ACTION } from '../../render/create-preflight.js';
import { DELETE_CANCEL_ACTION, DELETE_CONFIRM_ACTION } from '../../render/delete-preview.js';
import { LB_CANCEL_ACTION, LB_DELETE_ACTION } from '../../render/delete-result.js';
import { mentionUser } from '../../render/mrkdwn.js';
import { jobIdFor } from '../../../commands/enqueue.js';
import { cancelClick, markDecided, originOf, type ClickHandler } from './confirm-click.js';
import { auditClick, param, redeemClick } from './redeem.js';

const confirmDelete: ClickHandler = async (request, deps, reply) => {
  const claim = await redeemClick(request, 'cluster-delete', deps, reply);
  if (!claim) return;
  const cluster = param(claim, 'cluster');
  const jobId = jobIdFor('cluster-delete', claim.id);
  await auditClick(deps, request, {
    action: 'cluster-delete',
    target: cluster,
    decision: 'confirmed',
    outcome: `uuid ${param(claim, 'uuid')}`,
    jobId,
    threadTs: request.messageTs,
  });
  const data = {
    ...originOf(request, deps, claim.requester),
    cluster,
    uuid: param(claim, 'uuid'),
    threadTs: request.threadTs ?? request.messageTs,
  };
  await deps.queue.enqueue('cluster-delete', data, { jobId });
  await markDecided(
    deps,
    request,
    `Delete ${cluster} (${param(claim, 'uuid')})`,
    `:white_check_mark: Confirmed by ${mentionUser(request.userId)}: deleting, progress in this thread.`,
  );
};

const cancel = (action: string, what: string): ClickHandler =>
  cancelClick(action, (claim) => ({ target: param(claim, 'cluster'), summary: `${what} ${param(claim, 'cluster')}` }));

const createChoice =
  (withVolume: boolean): ClickHandler =>
  async (request, deps, reply) => {
    const claim = await redeemClick(request, 'cluster-create', deps, reply);
    if (!claim) return;
    const cluster = param(claim, 'cluster');
    const num = (key: string) => (claim.params[key] === undefined ? {} : { [key]: Number(claim.params[key]) });
    const str = (key: string) => (claim.params[key] === undefined ? {} : { [key]: String(claim.params[key]) });
    const labels = Object.fromEntries(
      param(claim, 'labels')
        .split(',')
        .filter((p) => p.includes('='))
        .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
    );
    const spec = {
      cluster,
      ...str('template'),
      ...num('nodes'),
      ...num('masters'),
      ...str('flavor'),
      ...str('masterFlavor'),
      ...str('keypair'),
      ...num('timeout'),
      ...(withVolume ? num('dockerVolumeSize') : {}),
      labels,
    };
    const jobId = jobIdFor('cluster-create', claim.id);
    const choice = withVolume ? 'with the docker volume (known issue accepted)' : 'without the docker volume';
    await auditClick(deps, request, {
      action: 'cluster-create',
      target: cluster,
      decision: 'confirmed',
      outcome: choice,
      jobId,
      threadTs: param(claim, 'threadTs'),
    });
    await deps.queue.enqueue(
      'cluster-create',
      { ...originOf(request, deps, claim.requester), threadTs: param(claim, 'threadTs'), spec, confirmed: true },
      { jobId },
    );
    await markDecided(deps, request, `Create ${cluster}`, `:white_check_mark: ${mentionUser(request.userId)} chose: create ${choice}.`);
  };

const confirmLoadBalancers: ClickHandler = async (request, deps, reply) => {
  const claim = await redeemClick(request, 'loadbalancers-delete', deps, reply);
  if (!claim) return;
  const cluster = param(claim, 'cluster');
  const ids = param(claim, 'lbs')
    .split(',')
    .filter((id) => id !== '');
  const jobId = jobIdFor('loadbalancers-delete', claim.id);
  await auditClick(deps, request, {
    action: 'loadbalancers-delete',
    target: cluster,
    decision: 'confirmed',
    outcome: ids.join(', '),
    jobId,
    threadTs: param(claim, 'threadTs'),
  });
  const data = {
    ...originOf(request, deps, claim.requester),
    cluster,
    uuid: param(claim, 'uuid'),
    threadTs: param(claim, 'threadTs'),
    loadBalancerIds: ids,
  };
  await deps.queue.enqueue('loadbalancers-delete', data, { jobId });
  await markDecided(
    deps,
    request,
    `Delete load balancer${ids.length === 1 ? '' : 's'} ${ids.join(', ')} of ${cluster}, then retry the cluster delete.`,
    `:white_check_mark: Confirmed by ${mentionUser(request.userId)}.`,
  );
};

/** The lifecycle buttons by action id. */
export const LIFECYCLE_ACTIONS: Readonly<Record<string, ClickHandler>> = {
  [DELETE_CONFIRM_ACTION]: confirmDelete,
  [DELETE_CANCEL_ACTION]: cancel('cluster-delete', 'Delete'),
  [CREATE_WITHOUT_VOLUME_ACTION]: createChoice(false),
  [CREATE_WITH_VOLUME_ACTION]: createChoice(true),
  [CREATE_CANCEL_ACTION]: cancel('cluster-create', 'Create'),
  [LB_DELETE_ACTION]: confirmLoadBalancers,
  [LB_CANCEL_ACTION]: cancel('loadbalancers-delete', 'Delete load balancers of'),
};
