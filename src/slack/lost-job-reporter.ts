import type { Logger, SlackPoster } from '../core/ports.js';
import { renderLostJob, renderLostTracking, type LostJobView } from '../render/lost-job.js';

/** A job queued for someone that Redis lost before it ran. */
export interface LostJob extends LostJobView {
  id: string;
  channel: string;
  user: string;
  threadTs?: string;
}

/** Tells each lost job's requester that it was lost and to ask again: in its thread when it had one, else only to them. */
export function createLostJobReporter(slack: SlackPoster, logger: Logger): (jobs: readonly LostJob[]) => Promise<void> {
  return async (jobs) => {
    for (const job of jobs) {
      const message = renderLostJob(job);
      try {
        if (job.threadTs !== undefined) await slack.post(job.channel, message, job.threadTs);
        else await slack.postEphemeral(job.channel, job.user, message);
      } catch (error) {
        logger.warn({ err: error, jobId: job.id }, 'could not tell the requester of a lost job');
      }
    }
  };
}

/** Tells each lost operation's thread that the bot no longer follows it. */
export function createLostTrackingReporter(
  slack: SlackPoster,
  logger: Logger,
): (ops: readonly { id: string; kind: string; cluster: string; channel: string; threadTs: string }[]) => Promise<void> {
  return async (ops) => {
    for (const op of ops) {
      try {
        await slack.post(op.channel, renderLostTracking(op), op.threadTs);
      } catch (error) {
        logger.warn({ err: error, op: op.id }, 'could not tell a thread that its operation is no longer followed');
      }
    }
  };
}
