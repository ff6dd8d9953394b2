import type { ClusterSummary } from '../core/cluster.js';
import type { Message } from '../core/ports.js';
import { LIMITS, context, section } from './blocks.js';
import { formatAge } from './duration.js';
import { codeBlock, escapeMrkdwn, mentionUser } from './mrkdwn.js';
import { statusEmoji } from './status.js';

/** `/kube list` as posted: the message, and the full table as a snippet when the message cannot hold every row. */
export interface ClusterListRender {
  message: Message;
  /** The whole table (every row), for the thread, when the message shows only the first rows. */
  snippet?: { filename: string; title: string; content: string };
}

// A section holds 3,000 characters; the code fence and the "more" line need a little of it.
const TABLE_CHARS = LIMITS.sectionText - 200;

/**
 * `/kube list`: one aligned table of the project's clusters, failures first. No row is ever
 * dropped: when the table is longer than a section holds, the message shows the rows that
 * fit, says how many more there are, and the whole table goes in a snippet in its thread.
 */
export function renderClusterList(
  clusters: readonly ClusterSummary[],
  opts: { cloud: string; requester: string; now: number },
): ClusterListRender {
  const by = `Requested by ${mentionUser(opts.requester)} with \`/kube list\` · cloud \`${escapeMrkdwn(opts.cloud)}\``;
  if (clusters.length === 0) {
    const text = 'No clusters in this project. Create one with `/kube create NAME`.';
    return { message: { text, blocks: [section(text), context(by)] } };
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
  const lines = alignColumns(rows).split('\n');
  const table = lines.join('\n');
  const failed = clusters.filter((c) => c.status.endsWith('_FAILED')).length;
  const busy = clusters.filter((c) => c.status.endsWith('_IN_PROGRESS')).length;
  const counts = [`${clusters.length} cluster${clusters.length === 1 ? '' : 's'}`];
  if (failed) counts.push(`${failed} failed`);
  if (busy) counts.push(`${busy} in progress`);
  const headline = `${statusEmoji(failed ? 'FAILED' : busy ? 'IN_PROGRESS' : 'COMPLETE')} ${counts.join(', ')}`;
  const foot = context(`${by} · NODES is masters+workers · \`/kube show NAME\` for details`);
  if (codeBlock(table).length <= TABLE_CHARS) {
    return { message: { text: `${counts.join(', ')}\n${table}`, blocks: [section(headline), section(codeBlock(table)), foot] } };
  }
  let shown = 1;
  while (shown < lines.length && codeBlock(lines.slice(0, shown + 1).join('\n')).length <= TABLE_CHARS) shown += 1;
  const more = lines.length - shown;
  const note = `… and ${more} more cluster${more === 1 ? '' : 's'}: the full table (all ${clusters.length}) is in the snippet in this thread.`;
  return {
    message: {
      text: `${counts.join(', ')}: the full table is in the snippet in the thread.`,
      blocks: [section(headline), section(`${codeBlock(lines.slice(0, shown).join('\n'))}\n${note}`), foot],
    },
    snippet: { filename: `clusters-${opts.cloud}.txt`, title: `Clusters of ${opts.cloud} (${clusters.length})`, content: `${table}\n` },
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
