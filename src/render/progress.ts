import type { CapiProgress } from '../core/capi-status.js';
import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, mentionUser } from './mrkdwn.js';
import { statusEmoji } from './status.js';

/** What the progress (anchor) message of one tracked operation shows. */
export interface ProgressView {
  kind: 'create' | 'delete' | 'resize' | 'upgrade';
  cluster: string;
  user: string;
  status: string;
  startedAt: number;
  now: number;
  /** The usual duration in minutes, e.g. [15, 25] for a create. */
  usualMin: readonly [number, number] | null;
  heat?: { done: number; total: number } | undefined;
  /** Why there is no Heat progress (Cluster API driver). */
  driver?: 'heat' | 'other' | undefined;
  /** The driver in words (`magnum-cluster-api`, ...). */
  driverName?: string | undefined;
  /** Cluster API progress: machines in Nova against the nodegroups' counts, and Cluster API's last words. */
  capi?: CapiProgress | undefined;
  targetNodes?: number | undefined;
  /** An upgrade's target Kubernetes version. */
  targetVersion?: string | undefined;
  /** Set once the operation has ended: the anchor then says so and stops changing. */
  finished?: boolean;
}

const VERB = { create: 'Creating', delete: 'Deleting', resize: 'Resizing', upgrade: 'Upgrading' } as const;

/** Elapsed time against the usual window, e.g. `7 min elapsed (usually 15-25 min)` or `31 min: past the usual 15-25 min`. */
export function elapsedLine(startedAt: number, now: number, usualMin: readonly [number, number] | null): string {
  const elapsed = now - startedAt;
  const text = `${formatDuration(elapsed)} elapsed`;
  if (!usualMin) return text;
  const [low, high] = usualMin;
  if (elapsed > high * 60_000) return `${text}: past the usual ${low}-${high} min`;
  return `${text} (usually ${low}-${high} min)`;
}

function bar(done: number, total: number): string {
  const width = 20;
  const filled = total <= 0 ? 0 : Math.min(width, Math.round((done / total) * width));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** The one message per operation, edited in place while it runs. */
export function renderProgress(view: ProgressView): Message {
  const target =
    view.kind === 'resize' && view.targetNodes !== undefined
      ? ` to ${view.targetNodes} nodes`
      : view.kind === 'upgrade' && view.targetVersion !== undefined
        ? ` to Kubernetes ${view.targetVersion}`
        : '';
  const head = `${statusEmoji(view.status)} ${VERB[view.kind]} ${code(view.cluster)}${target}: *${code(view.status)}*`;
  const lines = [head, elapsedLine(view.startedAt, view.now, view.usualMin)];
  if (view.heat && view.heat.total > 0) {
    // Stacks, not resources: Heat lists every stack of a project in one call, resources only stack by stack.
    lines.push(`Heat stacks: \`${bar(view.heat.done, view.heat.total)}\` ${view.heat.done}/${view.heat.total} complete`);
  } else if (view.driver === 'other') {
    lines.push(...capiLines(view));
  }
  const foot = view.finished
    ? 'Finished: the result is in the next message.'
    : `Requested by ${mentionUser(view.user)} · updated as it goes`;
  const text = `${VERB[view.kind]} ${view.cluster}${target}: ${view.status} (${formatDuration(view.now - view.startedAt)})`;
  return { text, blocks: [section(lines.join('\n')), context(foot)] };
}

/** Cluster API drivers have no Heat stack: machines (Nova) against the nodegroups, and what Cluster API reports. */
function capiLines(view: ProgressView): string[] {
  const name = view.driverName && view.driverName !== 'capi' ? ` (${view.driverName})` : '';
  const capi = view.capi;
  if (!capi) return [`Cluster API driver${name}: no Heat stack; progress comes from Magnum’s status.`];
  const extra = [
    capi.building > 0 ? `${capi.building} building` : '',
    capi.failed > 0 ? `*${capi.failed} in ERROR*` : '',
    capi.controlPlaneReady === true ? 'control plane ready' : capi.controlPlaneReady === false ? 'control plane not ready yet' : '',
  ].filter((x) => x !== '');
  const lines = [
    `Cluster API driver${name}, machines: \`${bar(Math.min(capi.ready, capi.wanted), capi.wanted)}\` ${capi.ready}/${capi.wanted} ready` +
      (extra.length > 0 ? ` · ${extra.join(' · ')}` : ''),
  ];
  if (capi.problem) lines.push(`:warning: ${code(capi.problem.length > 200 ? `${capi.problem.slice(0, 199)}…` : capi.problem)}`);
  else if (capi.activity) lines.push(`Cluster API: ${code(capi.activity)}`);
  return lines;
}
