import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';

/** One operation line of `/kube jobs` (the audit summary plus the live status of tracked ones). */
export interface AuditJobSummaryView {
  jobId: string;
  action: string;
  target: string;
  requester: string;
  state: string;
  at: string;
  requestedAt?: string;
  outcome?: string;
  liveStatus?: string;
}

const STATE_EMOJI: Record<string, string> = {
  requested: ':hourglass_flowing_sand:',
  confirmed: ':hourglass_flowing_sand:',
  started: ':large_blue_circle:',
  finished: ':white_check_mark:',
  failed: ':red_circle:',
  denied: ':no_entry:',
  queued: ':hourglass_flowing_sand:',
  running: ':large_blue_circle:',
  done: ':white_check_mark:',
};

/** `/kube jobs`: the channel's operations and jobs, newest first, with who asked and where they stand. */
export function renderJobsList(jobs: readonly AuditJobSummaryView[], opts: { now: number; limit: number }): Message {
  if (jobs.length === 0) return { text: 'No jobs in this channel yet.', blocks: [section('No jobs in this channel yet.')] };
  const lines = jobs.slice(0, opts.limit).map((job) => {
    const at = Date.parse(job.requestedAt ?? job.at);
    const age = Number.isNaN(at) ? '' : ` · ${formatDuration(opts.now - at)} ago`;
    const live = job.liveStatus ? ` · now ${code(job.liveStatus)}` : '';
    const outcome = job.outcome ? ` · ${escapeMrkdwn(job.outcome.slice(0, 120))}` : '';
    return `${STATE_EMOJI[job.state] ?? ':white_circle:'} *${escapeMrkdwn(job.action)}* ${code(job.target)} by ${mentionUser(job.requester)}: ${job.state}${live}${age}${outcome}`;
  });
  const more = jobs.length > opts.limit ? [context(`${jobs.length - opts.limit} older not shown`)] : [];
  return {
    text: `${jobs.length} recent ${jobs.length === 1 ? 'job' : 'jobs'} in this channel`,
    blocks: [section(lines.join('\n')), ...more],
  };
}
