import type { ClusterSummary } from '../core/cluster.js';
import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { formatAge } from './duration.js';
import { codeBlock, escapeMrkdwn, mentionUser } from './mrkdwn.js';
import { statusEmoji } from './status.js';

/** `/kube list`: one aligned table of the project's clusters, failures first. */
export function renderClusterListMessage(
  clusters: readonly ClusterSummary[],
  opts: { cloud: string; requester: string; now: number },
): Message {
  const by = `Requested by ${mentionUser(opts.requester)} with \`/kube list\` · cloud \`${escapeMrkdwn(opts.cloud)}\``;
  if (clusters.length === 0) {
    const text = 'No clusters in this project. Create one with `/kube create NAME`.';
    return { text, blocks: [section(text), context(by)] };
  }
  const sorted = [...clusters].sort((a, b) => rank(a.status) - rank(b.status) || a.name.localeCompare(b.name));
  const rows = [['NAME', 'STATUS', 'HEALTH', 'NODES', 'AGE']].concat(
    sorted.map((c) => [
      c.name,
      c.status,
      c.healthStatus ?? '-',
      `${c.masterCount}+${c.nodeCount}`,
      formatAge(c.createdAt ?? null, opts.now),
    ]),
  );
  const table = alignColumns(rows);
  const failed = clusters.filter((c) => c.status.endsWith('_FAILED')).length;
  const busy = clusters.filter((c) => c.status.endsWith('_IN_PROGRESS')).length;
  const counts = [`${clusters.length} cluster${clusters.length === 1 ? '' : 's'}`];
  if (failed) counts.push(`${failed} failed`);
  if (busy) counts.push(`${busy} in progress`);
  const headline = `${statusEmoji(failed ? 'FAILED' : busy ? 'IN_PROGRESS' : 'COMPLETE')} ${counts.join(', ')}`;
  return {
    text: `${counts.join(', ')}\n${table}`,
    blocks: [section(headline), section(codeBlock(table)), context(`${by} · NODES is masters+workers · \`/kube show NAME\` for details`)],
  };
}

/** Failed first, then in progress, then the rest. */
function rank(status: string): number {
  if (status.endsWith('_FAILED')) return 0;
  if (status.endsWith('_IN_PROGRESS')) return 1;
  return 2;
}

/** Left-aligned columns separated by three spaces, like kubectl. */
export function alignColumns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('   ')).join('\n');
}
