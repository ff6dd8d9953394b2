import type { ClusterSummary } from '../../src/core/cluster.js';
import { detectDriver } from '../../src/core/magnum-driver.js';
import { SLACK_TIERS } from '../../src/core/slack-tiers.js';
import { CAPI_DELETE_STUCK_MINUTES } from '../../src/diagnostics/rules/capi-delete-blocked.js';
import { renderCapiStalled } from '../../src/render/capi-stalled.js';
import { renderProgress } from '../../src/render/progress.js';
import type { JobContext } from '../definition.js';
import { enqueueDiagnosis, progressOf } from './finalize.js';
import { isTerminal, type TrackedOperation } from './operation.js';
import { pollProgress, type PollProgress } from './poll-progress.js';

/** Progress edits of one message are spaced at least this far apart (Slack: ~1 write/s/channel). */
export const RENDER_EVERY_MS = 30_000;
/** The share of chat.update's tier progress edits plan for (results' last edits and other writes take the rest). */
const PROGRESS_SHARE = 0.9;

/**
 * How far apart each message's progress edits are with `tracked` messages in progress, by the
 * bot's clock: every message edited once in the time Slack's chat.update tier (per minute of that
 * clock: a run that speeds its clock up raises Slack's limits by as much) allows that many edits,
 * and never more often than RENDER_EVERY_MS. The outbox keeps only each message's latest edit
 * should more be asked (several clouds), so this spares the poll the renders Slack could not take.
 */
export function renderEveryMs(tracked: number): number {
  const perMinute = SLACK_TIERS.tier3.perMinute * PROGRESS_SHARE;
  return Math.max(RENDER_EVERY_MS, Math.ceil((tracked / perMinute) * 60_000));
}

/** When a poll renders an operation's progress: its spacing, and how many renders the poll has left. */
export interface RenderCadence {
  everyMs: number;
  /** Takes one render from the poll's budget; false once it is spent. */
  mayRender(): boolean;
}

/**
 * A poll's cadence with `tracked` operations: each spaced renderEveryMs(tracked), and at most the
 * share one 30 s step of that spacing holds (about 23 with hundreds tracked), so operations that
 * became due together (started together) are spread over the following polls instead of making
 * one poll render them all.
 */
export function renderCadence(tracked: number): RenderCadence {
  const everyMs = renderEveryMs(tracked);
  let left = Math.ceil((tracked * RENDER_EVERY_MS) / everyMs);
  return { everyMs, mayRender: () => left-- > 0 };
}
/** A create missing from the list this many polls in a row is taken as deleted. */
const MISSING_LIMIT = 3;
/** After this long a terminal status counts even if no in-progress status was seen (a very quick operation). */
const SETTLE_MS = 10 * 60_000;

/** `finished`: the operation reached a terminal status; the caller hands it to its finish job (finish-job.ts). */
export type Advance =
  { kind: 'unchanged' } | { kind: 'updated'; op: TrackedOperation } | { kind: 'finished'; op: TrackedOperation; status: string };

/**
 * Moves one operation on from what the cloud-wide cluster list says: edits the anchor when the
 * status changed or the throttle allows (queued in the outbox, not awaited), and says when the
 * operation ended, without ending it here: the result, its Slack posts and the follow-ups are
 * the finish job's, so a poll never waits on them. `progress` is the poll's bulk reader of the
 * drivers' progress, shared by all its operations.
 */
export async function advanceOperation(
  op: TrackedOperation,
  summary: ClusterSummary | undefined,
  ctx: JobContext,
  progress: PollProgress = pollProgress(ctx.openstack(op.cloud), ctx.log),
  cadence: RenderCadence = { everyMs: RENDER_EVERY_MS, mayRender: () => true },
): Promise<Advance> {
  const now = ctx.clock.now();
  if (summary === undefined) {
    const missing = op.missing + 1;
    if (op.kind !== 'delete' && missing < MISSING_LIMIT) return { kind: 'updated', op: { ...op, missing } };
    return { kind: 'finished', op, status: 'DELETE_COMPLETE' };
  }
  const status = summary.status;
  const progressed = op.progressed || status.endsWith('_IN_PROGRESS');
  const settled = progressed || status !== op.initialStatus || now - op.startedAt >= SETTLE_MS;
  if (isTerminal(op.kind, status) && settled) return { kind: 'finished', op: { ...op, progressed }, status };
  // Due by the bot's clock alone, at the poll's cadence for its load, while the poll's budget lasts.
  const due = (status !== op.lastStatus || now - (op.lastRenderedAt ?? 0) >= cadence.everyMs) && cadence.mayRender();
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
