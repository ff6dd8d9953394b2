import type { ClusterSummary } from '../../src/core/cluster.js';
import { detectDriver } from '../../src/core/magnum-driver.js';
import { renderCapiStalled } from '../../src/render/capi-stalled.js';
import { renderProgress } from '../../src/render/progress.js';
import type { JobContext } from '../definition.js';
import { capiProgress } from './capi-progress.js';
import { enqueueDiagnosis, finalizeOperation, progressOf } from './finalize.js';
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
  if (status.endsWith('_IN_PROGRESS')) next = await withDriverProgress(next, summary, ctx);
  await ctx.slack.update({ channel: op.channel, ts: op.anchorTs }, renderProgress(progressOf(next, status, now)), { progress: true });
  if (next.capi?.problem && !next.stallReported && status.endsWith('_IN_PROGRESS')) next = await reportStall(next, ctx);
  return { kind: 'updated', op: next };
}

/**
 * Progress from the cluster's driver, told from what Magnum says (never by asking Heat and
 * seeing it fail): Heat resources for the Heat driver, machines and Cluster API's own words for
 * the Cluster API drivers. A driver not yet known (no stack_id yet) shows status only.
 */
async function withDriverProgress(op: TrackedOperation, summary: ClusterSummary, ctx: JobContext): Promise<TrackedOperation> {
  const facts = detectDriver({ stackId: summary.stackId, labels: summary.labels });
  if (facts.family === 'unknown') return op;
  const openstack = ctx.openstack(op.cloud);
  const known: TrackedOperation = { ...op, driver: facts.family === 'heat' ? 'heat' : 'other', driverName: facts.driver };
  try {
    if (facts.family === 'heat') {
      const progress = await heatProgress(openstack.heat, summary.stackId);
      return progress ? { ...known, heat: progress } : known;
    }
    return { ...known, capi: await capiProgress(openstack, op.clusterUuid) };
  } catch (error) {
    ctx.log.warn({ err: error, op: op.id, driver: facts.driver }, 'driver progress unavailable');
    return known;
  }
}

/**
 * Cluster API retries for ever, so a create that cannot go on never turns *_FAILED: say so
 * once in the thread, with what Cluster API or Nova reports, and run the diagnosis.
 */
async function reportStall(op: TrackedOperation, ctx: JobContext): Promise<TrackedOperation> {
  const problem = op.capi?.problem ?? '';
  const diagnosisQueued = await enqueueDiagnosis(ctx, op, 'stalled');
  await ctx.slack.post(
    op.channel,
    renderCapiStalled({ cluster: op.cluster, user: op.user, problem, driver: op.driverName ?? 'Cluster API', diagnosisQueued }),
    op.threadTs,
  );
  return { ...op, stallReported: true };
}
