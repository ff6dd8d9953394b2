import type { ClusterDetail } from '../core/cluster.js';
import type { HeatResource } from '../core/openstack-state.js';
import type { Message } from '../core/ports.js';
import { context, fields, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { ERROR_HINTS } from './error-message.js';
import { code, codeBlock, escapeMrkdwn, mentionUser } from './mrkdwn.js';

/** Magnum puts the trust failure in status_reason when its trustee/trust cannot be made (restricted app credential). */
const TRUST_FAILURE = /trustee|trust for cluster|create trust/i;

/** The final message of a successful create: it mentions the requester. */
export function renderCreateComplete(cluster: ClusterDetail, opts: { user: string; elapsedMs: number }): Message {
  const text = `${cluster.name} is ready (CREATE_COMPLETE after ${formatDuration(opts.elapsedMs)}).`;
  return {
    text: `${mentionUser(opts.user)} ${text}`,
    blocks: [
      section(
        `:white_check_mark: ${mentionUser(opts.user)} ${code(cluster.name)} is ready: *CREATE_COMPLETE* after ${formatDuration(opts.elapsedMs)}.`,
      ),
      fields([
        ['UUID', code(cluster.uuid)],
        ['Nodes', `${cluster.masterCount} master, ${cluster.nodeCount} worker`],
        ['API', cluster.apiAddress ? code(cluster.apiAddress) : '-'],
        ['Health', escapeMrkdwn(cluster.healthStatus ?? 'not reported yet')],
      ]),
      context('A health check of the new cluster runs now (the “created but pods fail” case); its findings follow in this thread.'),
    ],
  };
}

/** The final message of a failed operation: status_reason, faults and the failed Heat resources. */
export function renderOperationFailed(
  cluster: ClusterDetail,
  opts: { user: string; verb: string; elapsedMs: number; failedResources: readonly HeatResource[]; diagnosisQueued: boolean },
): Message {
  const lines = [
    `:red_circle: ${mentionUser(opts.user)} ${opts.verb} ${code(cluster.name)} failed: *${code(cluster.status)}* after ${formatDuration(opts.elapsedMs)}.`,
  ];
  if (cluster.statusReason) lines.push(`*status_reason*\n${codeBlock(cluster.statusReason)}`);
  const faults = Object.entries(cluster.faults ?? {});
  if (faults.length > 0) lines.push(`*faults*\n${codeBlock(faults.map(([k, v]) => `${k}: ${v}`).join('\n'))}`);
  const failed = opts.failedResources.slice(0, 8);
  if (failed.length > 0) {
    const rows = failed.map((r) => `${r.path.join('.') || r.name} (${r.type}) ${r.status}${r.statusReason ? `: ${r.statusReason}` : ''}`);
    lines.push(`*Failed Heat resources*\n${codeBlock(rows.join('\n'))}`);
  }
  const blocks = lines.map((l) => section(l));
  const reasons = [cluster.statusReason ?? '', ...faults.map(([, v]) => v)].join('\n');
  if (TRUST_FAILURE.test(reasons)) blocks.push(section(`:key: ${ERROR_HINTS['trust_forbidden']}`));
  blocks.push(
    context(
      opts.diagnosisQueued ? 'A diagnosis runs now; its findings follow in this thread.' : 'Run `/kube diagnose` for the full picture.',
    ),
  );
  return {
    text: `${opts.verb} ${cluster.name} failed: ${cluster.status}${cluster.statusReason ? ` (${cluster.statusReason})` : ''}`,
    blocks,
  };
}
