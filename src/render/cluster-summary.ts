import type { ClusterDetail } from '../core/cluster.js';
import type { Finding } from '../core/finding.js';
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

/** The bot's verdict from a diagnosis made now: counts, worst first; null when there was none. */
function verdictOf(findings: readonly Finding[] | undefined): { critical: number; warning: number } | null {
  if (findings === undefined) return null;
  return {
    critical: findings.filter((f) => f.severity === 'critical').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
  };
}

function verdictText(verdict: { critical: number; warning: number }, bold: boolean): string {
  if (verdict.critical === 0 && verdict.warning === 0) return 'no problems found';
  const critical = `${verdict.critical} critical`;
  return `${bold && verdict.critical > 0 ? `*${critical}*` : critical}, ${verdict.warning} warning`;
}

/**
 * The root of a thread about a cluster: status at a glance, with Magnum's health and the bot's
 * own diagnosis side by side (`verdict`: the findings of a diagnosis made now), so Magnum's
 * HEALTHY never stands alone next to a critical finding. The dump or diagnosis follows in the thread.
 */
export function renderClusterSummary(
  cluster: ClusterDetail,
  opts: { requester: string; now: number; command: string; follows?: string; verdict?: readonly Finding[] },
): Message {
  const health = cluster.healthStatus ?? 'not reported';
  const verdict = verdictOf(opts.verdict);
  // The worst of the two says how the cluster is: a critical finding outranks a COMPLETE status.
  const emoji =
    verdict !== null && verdict.critical > 0
      ? ':red_circle:'
      : verdict !== null && verdict.warning > 0 && !cluster.status.endsWith('FAILED')
        ? ':large_orange_circle:'
        : statusEmoji(cluster.status);
  const diagnosis = verdict === null ? `not run here (${code(`/kube diagnose ${cluster.name}`)})` : verdictText(verdict, true);
  const headline =
    `${emoji} Cluster ${code(cluster.name)} is *${escapeMrkdwn(cluster.status)}* · Magnum health ${escapeMrkdwn(health)}` +
    (verdict === null ? '' : ` · kube-chatops: ${diagnosis}`);
  const blocks: Block[] = [
    section(headline),
    fields([
      ['Magnum health', escapeMrkdwn(health)],
      ['kube-chatops diagnosis', diagnosis],
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
  const text =
    verdict === null
      ? `Cluster ${cluster.name} is ${cluster.status} (Magnum health ${health})`
      : `Cluster ${cluster.name} is ${cluster.status} (Magnum health ${health}; kube-chatops: ${verdictText(verdict, false)})`;
  return { text, blocks };
}
