import type { LoadBalancer } from '../core/openstack-state.js';
import type { Message } from '../core/ports.js';
import { SOURCES } from '../core/sources.js';
import { actions, button, context, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, codeBlock, escapeMrkdwn, link, mentionUser } from './mrkdwn.js';
import { LOADBALANCERS_ACTIONS } from '../core/requests/delete-request.js';

/** The final message of a finished delete. */
export function renderDeleteComplete(cluster: string, opts: { user: string; elapsedMs: number }): Message {
  const text = `${cluster} is deleted (after ${formatDuration(opts.elapsedMs)}).`;
  return {
    text: `${mentionUser(opts.user)} ${text}`,
    blocks: [section(`:wastebasket: ${mentionUser(opts.user)} ${code(cluster)} is deleted (after ${formatDuration(opts.elapsedMs)}).`)],
  };
}

/**
 * The known delete failure (Catalyst known issue "Cluster fails to delete"): load balancers Magnum does not
 * cascade-delete hold ports on the private subnet. The workaround button follows in its own message.
 */
export function renderDeleteBlocked(
  cluster: { name: string; uuid: string },
  opts: { user: string; reason: string; loadBalancers: readonly LoadBalancer[] },
): Message {
  const n = opts.loadBalancers.length;
  const lbLines = opts.loadBalancers.map(
    (lb) => `${lb.name || '(no name)'}  ${lb.id}  vip ${lb.vipAddress ?? '?'}  ${lb.provisioningStatus}`,
  );
  const blocks = [
    section(
      `:red_circle: ${mentionUser(opts.user)} deleting ${code(cluster.name)} failed: *DELETE_FAILED*, blocked by the cluster’s private subnet.`,
    ),
    section(`*status_reason*\n${codeBlock(opts.reason)}`),
    section(
      `Known issue (${link(SOURCES.catalystDeleteFails.url, 'Catalyst Kubernetes, “Cluster fails to delete”')}): load balancers added after the cluster was created hold ports on its private subnet, and Magnum does not delete them.` +
        (n > 0
          ? `\n*${n} load balancer${n === 1 ? '' : 's'} on the subnet*\n${codeBlock(lbLines.join('\n'))}`
          : '\nNo load balancer is left on the subnet; look for stray ports with `openstack port list --fixed-ip subnet=<subnet>`.'),
    ),
  ];
  return {
    text: `Deleting ${cluster.name} failed: DELETE_FAILED (blocked by ${n} load balancer${n === 1 ? '' : 's'} on its subnet)`,
    blocks,
  };
}

/**
 * The documented workaround as a confirmed button, in its own message: once someone decides,
 * only this message is replaced and the explanation above stays.
 */
export function renderLoadBalancerOffer(
  cluster: { name: string },
  opts: { user: string; count: number; token: string; expiresInMs: number },
): Message {
  const n = opts.count;
  const label = n === 1 ? 'Delete this load balancer and retry' : `Delete these ${n} load balancers and retry`;
  const text = `${label}: deletes ${n} load balancer${n === 1 ? '' : 's'} (cascade), then deletes ${cluster.name} again.`;
  return {
    text,
    blocks: [
      section(escapeMrkdwn(text)),
      actions('lifecycle-lb-delete', [
        button({
          actionId: LOADBALANCERS_ACTIONS.confirm,
          text: label,
          value: opts.token,
          style: 'danger',
          confirm: {
            title: 'Delete load balancers?',
            text: `Deletes ${n} load balancer${n === 1 ? '' : 's'} (cascade), then deletes ${escapeMrkdwn(cluster.name)} again.`,
            confirm: 'Delete',
            deny: 'Cancel',
          },
        }),
        button({ actionId: LOADBALANCERS_ACTIONS.cancel, text: 'Cancel', value: opts.token }),
      ]),
      context(`Only ${mentionUser(opts.user)} or an admin can confirm; the button expires in ${formatDuration(opts.expiresInMs)}.`),
    ],
  };
}
