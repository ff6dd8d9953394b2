import type { ClusterDetail } from '../core/cluster.js';
import type { LoadBalancer } from '../core/openstack-state.js';
import type { Message } from '../core/ports.js';
import { actions, button, context, fields, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';
import { DELETE_ACTIONS } from '../core/requests/delete-request.js';

/** The delete preview: the exact target and its effect; Confirm and Cancel share one single-use token. */
export function renderDeletePreview(
  cluster: ClusterDetail,
  opts: { user: string; projectId: string; cloud: string; loadBalancers: readonly LoadBalancer[]; token: string; expiresInMs: number },
): Message {
  const n = opts.loadBalancers.length;
  const lbText =
    n === 0
      ? 'none'
      : opts.loadBalancers
          .map((lb) => `${code(lb.name || lb.id)} ${escapeMrkdwn(lb.provisioningStatus)}`)
          .slice(0, 10)
          .join('\n');
  return {
    text: `Delete ${cluster.name} (${cluster.uuid})? Waiting for confirmation from ${opts.user}.`,
    blocks: [
      section(`:warning: ${mentionUser(opts.user)} asked to *delete* ${code(cluster.name)}. This cannot be undone.`),
      fields([
        ['Name', code(cluster.name)],
        ['UUID', code(cluster.uuid)],
        ['Project', `${code(opts.projectId)} (cloud ${code(opts.cloud)})`],
        ['Nodes', `${cluster.masterCount} master, ${cluster.nodeCount} worker`],
        ['Status', code(cluster.status)],
        [`Load balancers on its subnet (${n})`, lbText],
      ]),
      ...(n > 0
        ? [
            context(
              'Load balancers added after the cluster was created are not deleted by Magnum and block the delete (known issue); the bot will offer to remove them if that happens.',
            ),
          ]
        : []),
      actions('lifecycle-delete', [
        button({
          actionId: DELETE_ACTIONS.confirm,
          text: 'Delete cluster',
          value: opts.token,
          style: 'danger',
          confirm: {
            title: 'Delete the cluster?',
            text: `Deletes ${escapeMrkdwn(cluster.name)} (${cluster.uuid}) and all its nodes.`,
            confirm: 'Delete',
            deny: 'Keep it',
          },
        }),
        button({ actionId: DELETE_ACTIONS.cancel, text: 'Cancel', value: opts.token }),
      ]),
      context(`Only ${mentionUser(opts.user)} or an admin can confirm; the button expires in ${formatDuration(opts.expiresInMs)}.`),
    ],
  };
}
