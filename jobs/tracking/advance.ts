import type { ClusterSummary } from '../../src/core/cluster.js';
import { detectDriver } from '../../src/core/magnum-driver.js';
import { CAPI_DELETE_STUCK_MINUTES } from '../../src/diagnostics/rules/capi-delete-blocked.js';
import { renderCapiStalled } from '../../src/render/capi-stalled.js';
import { renderProgress } from '../../src/render/progress.js';
import type { JobContext } from '../definition.js';
import { enqueueDiagnosis, finalizeOperation, progressOf } from './finalize.js';
import { isTerminal, type TrackedOperation } from './operation.js';
import { pollProgress, type PollProgress } from './poll-progress.js';

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
 * `progress` is the poll's bulk reader of the drivers' progress, shared by all its operations.
 */
export async function advanceOperation(
  op: TrackedOperation,
  summary: ClusterSummary | undefined,
  ctx: JobContext,
  progress: PollProgress = pollProgress(ctx.openstack(op.cloud), ctx.log),
): Promise<Advance> {
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
  if (status.endsWith('_IN_PROGRESS')) next = stuckDelete(await withDriverProgress(next, summary, progress, ctx), now);
  await ctx.slack.update({ channel: op.channel, ts: op.anchorTs }, renderProgress(progressOf(next, status, now)), { progress: true });
  if (next.capi?.problem && !next.stallReported && status.endsWith('_IN_PROGRESS')) next = await reportStall(next, ctx);
  return { kind: 'updated', op: next };
}

/**
 * Progress from the cluster's driver, told once from what Magnum says (never by asking Heat and
 * seeing it fail) and kept on the operation: Heat's stacks for the Heat driver, machines and
 * Cluster API's own words for the Cluster API drivers, both from the poll's bulk reads. A driver
 * not yet known (no stack_id yet) shows status only.
 */
async function withDriverProgress(
  op: TrackedOperation,
  summary: ClusterSummary,
  progress: PollProgress,
  ctx: JobContext,
): Promise<TrackedOperation> {
  const known = withDriver(op, summary);
  if (known.driver === undefined) return known;
  try {
    if (known.driver === 'heat') {
      const heat = await progress.heat(summary.stackId);
      return heat ? { ...known, heat } : known;
    }
    const capi = await progress.capi(summary);
    return capi ? { ...known, capi } : known;
  } catch (error) {
    ctx.log.warn({ err: error, op: op.id, driver: known.driverName }, 'driver progress unavailable');
    return known;
  }
}

/**
 * A Cluster API delete says nothing when it cannot finish (magnum-capi-helm leaves status_reason
 * empty; magnum-cluster-api's failed event is already the problem): past the usual minutes with
 * every machine gone, something Cluster API did not make holds the network.
 */
function stuckDelete(op: TrackedOperation, now: number): TrackedOperation {
  const capi = op.capi;
  if (op.kind !== 'delete' || op.driver !== 'other' || !capi || capi.problem !== null) return op;
  const waited = now - op.startedAt;
  if (waited < CAPI_DELETE_STUCK_MINUTES * 60_000 || capi.ready + capi.building + capi.failed > 0) return op;
  const problem =
    `the machines are gone but the delete has not finished after ${Math.round(waited / 60_000)} min: ` +
    'Cluster API keeps retrying the network, which something it did not create (a Service load balancer) may hold';
  return { ...op, capi: { ...capi, problem } };
}

/** The operation with its driver: detected from Magnum's answer the first time it is known, kept from then on. */
function withDriver(op: TrackedOperation, summary: ClusterSummary): TrackedOperation {
  if (op.driver !== undefined && op.driverName !== undefined) return op;
  const facts = detectDriver({ stackId: summary.stackId, labels: summary.labels });
  if (facts.family === 'unknown') return op;
  return { ...op, driver: facts.family === 'heat' ? 'heat' : 'other', driverName: facts.driver };
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
    // Keyed: a poll run again before it saved `stallReported` (a kill, a late answer) finds it.
    { key: `${op.id}/stalled` },
  );
  return { ...op, stallReported: true };
}
