import type { ClusterSummary } from '../../src/core/cluster.js';
import { renderProgress } from '../../src/render/progress.js';
import type { JobContext } from '../definition.js';
import { finalizeOperation, progressOf } from './finalize.js';
import { heatProgress } from './heat-progress.js';
import { isTerminal, type TrackedOperation } from './operation.js';

/** Progress edits of one message are spaced at least this far apart (Slack: ~1 write/s/channel). */
export const RENDER_EVERY_MS = 30_000;
/** A create missing from the list this many polls in a row is taken as deleted. */
const MISSING_LIMIT = 3;
/** After this long a terminal status counts even if no in-progress status was seen (a very quick operation). */
const SETTLE_MS = 10 * 60_000;

export type Advance = { kind: 'unchanged' } | { kind: 'updated'; op: TrackedOperation } | { kind: 'finished' };

/**
 * Moves one operation on from what the cloud-wide cluster list says: edits the anchor when the
 * status changed or the throttle allows, and finishes the operation on a terminal status.
 */
export async function advanceOperation(op: TrackedOperation, summary: ClusterSummary | undefined, ctx: JobContext): Promise<Advance> {
  const now = ctx.clock.now();
  if (summary === undefined) {
    if (op.kind === 'delete') {
      await finalizeOperation(op, 'DELETE_COMPLETE', ctx);
      return { kind: 'finished' };
    }
    const missing = op.missing + 1;
    if (missing < MISSING_LIMIT) return { kind: 'updated', op: { ...op, missing } };
    await finalizeOperation(op, 'DELETE_COMPLETE', ctx);
    return { kind: 'finished' };
  }
  const status = summary.status;
  const progressed = op.progressed || status.endsWith('_IN_PROGRESS');
  const settled = progressed || status !== op.initialStatus || now - op.startedAt >= SETTLE_MS;
  if (isTerminal(op.kind, status) && settled) {
    await finalizeOperation({ ...op, progressed }, status, ctx);
    return { kind: 'finished' };
  }
  // Progress cadence follows the load: with many messages in progress, each is edited as often as Slack's chat.update rate allows.
  const every = Math.max(RENDER_EVERY_MS, ctx.slack.progressIntervalMs?.() ?? 0);
  const due = status !== op.lastStatus || now - (op.lastRenderedAt ?? 0) >= every;
  if (!due)
    return progressed === op.progressed && op.missing === 0
      ? { kind: 'unchanged' }
      : { kind: 'updated', op: { ...op, progressed, missing: 0 } };
  let next: TrackedOperation = { ...op, progressed, missing: 0, lastStatus: status, lastRenderedAt: now };
  if (op.driver !== 'other' && status.endsWith('_IN_PROGRESS')) {
    try {
      const progress = await heatProgress(ctx.openstack(op.cloud).heat, summary.stackId);
      next = { ...next, driver: progress.driver, ...(progress.heat ? { heat: progress.heat } : {}) };
    } catch (error) {
      ctx.log.warn({ err: error, op: op.id }, 'heat progress unavailable');
    }
  }
  await ctx.slack.update({ channel: op.channel, ts: op.anchorTs }, renderProgress(progressOf(next, status, now)), { progress: true });
  return { kind: 'updated', op: next };
}
