import { z } from 'zod';
import { postKey, rescheduleIn } from '../src/core/job.js';
import { jobIdFor } from '../src/core/job-id.js';
import { renderWatchAlert, renderWatchChange, renderWatchResolved, renderWatchToggled } from '../src/render/watch-message.js';
import { FOLLOWUP_JOB } from './cluster-followup.js';
import { diagnoseCluster } from './cluster-access.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin } from './origin.js';

const Incident = z.object({ ts: z.string(), rule: z.string(), title: z.string(), since: z.number() });

export const WatchData = Origin.extend({
  cluster: z.string().min(1),
  mode: z.enum(['on', 'off', 'tick']),
  /** The `on` job that owns the watch; a later `on` or an `off` ends the older loop. */
  generation: z.string().optional(),
  incidents: z.record(z.string(), Incident).default({}),
  /** Magnum's status at the last tick: a change to *_COMPLETE starts follow-up health checks. */
  lastStatus: z.string().optional(),
  /** Checks made so far: a check run again (a worker killed after its post) keys its alerts the same, so posts them once. */
  tick: z.number().int().min(0).default(0),
});
type WatchData = z.infer<typeof WatchData>;

const KEEP_MS = 30 * 24 * 3600 * 1000;

/** How often a watched cluster is diagnosed: four poll intervals (a minute with the defaults). */
export function watchEveryMs(ctx: JobContext): number {
  return Math.max(1, ctx.settings.pollIntervalMs * 4);
}

export function watchKey(channel: string, cluster: string): string {
  return `watch:${channel}:${cluster}`;
}

/**
 * `/kube watch NAME [off]`: one rescheduled job per watched cluster and channel. Each tick
 * diagnoses; a new warning or critical finding posts one message (an incident), which is
 * updated when the finding is gone.
 */
export const clusterWatch = defineJob({
  name: 'cluster-watch',
  data: WatchData,
  async process(data, ctx) {
    const kv = ctx.watches;
    if (!kv) throw new Error('watch state store not wired');
    const key = watchKey(data.channel, data.cluster);
    const every = watchEveryMs(ctx);
    if (data.mode === 'off') {
      await kv.del(key);
      await ctx.slack.post(data.channel, renderWatchToggled(data.cluster, false, data.user, every), data.threadTs, {
        key: postKey(ctx.runtime, 'watch-off'),
      });
      return { watching: false };
    }
    if (data.mode === 'on') {
      const generation = ctx.runtime.jobId;
      if ((await kv.get(key)) !== generation) {
        // Said before it is recorded, and keyed: a run killed between the two says it once, not never.
        await ctx.slack.post(data.channel, renderWatchToggled(data.cluster, true, data.user, every), data.threadTs, {
          key: postKey(ctx.runtime, 'watch-on'),
        });
        await kv.set(key, generation, KEEP_MS);
      }
      return rescheduleIn(every, { ...data, mode: 'tick', generation, incidents: {}, tick: 0 });
    }
    if ((await kv.get(key)) !== data.generation) return { watching: false };
    const { incidents, status } = await tick(data, ctx);
    return rescheduleIn(every, { ...data, incidents, tick: data.tick + 1, ...(status === undefined ? {} : { lastStatus: status }) });
  },
});

async function tick(data: WatchData, ctx: JobContext): Promise<{ incidents: WatchData['incidents']; status: string | undefined }> {
  const { findings, ticketRef, snapshot } = await diagnoseCluster(ctx, data, data.cluster);
  const status = snapshot.cluster?.status;
  if (status !== undefined && data.lastStatus !== undefined && status !== data.lastStatus && ENDED.has(status)) {
    await startFollowup(data, ctx, data.lastStatus, status, snapshot.cluster?.updatedAt ?? null);
  }
  const now = ctx.clock.now();
  const current = new Map(findings.filter((f) => f.severity !== 'info').map((f) => [f.rule, f]));
  const incidents: WatchData['incidents'] = {};
  for (const [rule, incident] of Object.entries(data.incidents)) {
    if (current.has(rule)) incidents[rule] = incident;
    else await ctx.slack.update({ channel: data.channel, ts: incident.ts }, renderWatchResolved(data.cluster, incident, now));
  }
  for (const [rule, finding] of current) {
    if (incidents[rule]) continue;
    const ref = await ctx.slack.post(data.channel, renderWatchAlert(data.cluster, finding, ticketRef), undefined, {
      key: postKey(ctx.runtime, `check-${data.tick}/${rule}`),
    });
    incidents[rule] = { ts: ref.ts, rule, title: finding.title, since: now };
  }
  return { incidents, status };
}

/** Statuses an operation ends in that the cluster should be healthy after. */
const ENDED = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);

/**
 * A watched cluster finished an operation (maybe one the bot never saw: the openstack CLI, the
 * dashboard): one message says so, and the follow-up health checks run in its thread as after a
 * create the bot tracked. Keyed post and job id from the transition, so a retried tick starts it once.
 */
async function startFollowup(data: WatchData, ctx: JobContext, from: string, to: string, updatedAt: string | null): Promise<void> {
  const when = updatedAt ?? String(ctx.clock.now());
  const key = `${data.generation ?? ctx.runtime.jobId}/watch-change/${to}/${when}`;
  const root = await ctx.slack.post(data.channel, renderWatchChange(data.cluster, from, to), undefined, { key });
  const followup = { cloud: data.cloud, teamId: data.teamId, channel: data.channel, user: data.user, cluster: data.cluster };
  await ctx.queue.enqueue(
    FOLLOWUP_JOB,
    { ...followup, after: 'watch', endedAt: ctx.clock.now(), threadTs: root.ts },
    { jobId: jobIdFor(FOLLOWUP_JOB, 'watch', key) },
  );
}
