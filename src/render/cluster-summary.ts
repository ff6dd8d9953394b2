import type { ClusterDetail } from '../core/cluster.js';
import type { Message } from '../core/ports.js';
import { actions, button, context, fields, section, type Block } from './blocks.js';
import { formatAge } from './duration.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';
import { statusEmoji } from './status.js';
import { TICKET_ACTION_ID } from '../core/requests/ticket-request.js';

/** The "Attach to support ticket" button, carrying only the cluster's uuid. */
export function ticketButton(clusterRef: string): Block {
  return button({ actionId: TICKET_ACTION_ID, text: 'Attach to support ticket', value: clusterRef });
}

/** The root of a `/kube show` thread: status at a glance, the dump follows in the thread. */
export function renderClusterSummary(
  cluster: ClusterDetail,
  opts: { requester: string; now: number; command: string; follows?: string },
): Message {
  const health = cluster.healthStatus ?? 'unknown';
  const headline = `${statusEmoji(cluster.status)} Cluster ${code(cluster.name)} is *${escapeMrkdwn(cluster.status)}*, health ${escapeMrkdwn(health)}`;
  const blocks: Block[] = [
    section(headline),
    fields([
      [
        'Nodes',
        `${cluster.masterCount} master${cluster.masterCount === 1 ? '' : 's'}, ${cluster.nodeCount} worker${cluster.nodeCount === 1 ? '' : 's'}`,
      ],
      ['Age', formatAge(cluster.createdAt, opts.now)],
      ['Kubernetes', escapeMrkdwn(cluster.coeVersion ?? '-')],
      ['API', escapeMrkdwn(cluster.apiAddress ?? '-')],
      ['UUID', escapeMrkdwn(cluster.uuid)],
      ['Template', escapeMrkdwn(cluster.clusterTemplateId)],
    ]),
  ];
  if (cluster.statusReason) blocks.push(section(`*Status reason*\n${escapeMrkdwn(cluster.statusReason)}`));
  blocks.push(actions('cluster-actions', [ticketButton(cluster.uuid)]));
  const follows = opts.follows ?? 'the `openstack coe cluster show` dump';
  blocks.push(context(`Requested by ${mentionUser(opts.requester)} with ${code(opts.command)} · ${follows} is in the thread`));
  return { text: `Cluster ${cluster.name} is ${cluster.status} (health ${health})`, blocks };
}
