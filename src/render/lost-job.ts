import type { Message } from '../core/ports.js';
import { section } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** What a lost job was, as its requester would recognise it. */
export interface LostJobView {
  /** The job's name (`cluster-list`, `cluster-create`...). */
  name: string;
  cluster?: string;
  /** Epoch ms when it was queued. */
  at: number;
}

/**
 * Tells the requester that their request was queued but lost before it ran: the bot's Redis
 * restarted without its data (no persistence). Nothing of it ran; it has to be asked again.
 */
export function renderLostJob(job: LostJobView): Message {
  const what = `\`${escapeMrkdwn(job.name)}\`${job.cluster === undefined ? '' : ` of \`${escapeMrkdwn(job.cluster)}\``}`;
  const when = new Date(job.at).toISOString().slice(11, 16);
  const text = `Your request (${what}, queued at ${when} UTC) was lost before it ran: the bot's Redis restarted without its data. Nothing of it was done; check with /kube list or /kube jobs and run the command again.`;
  return {
    text,
    blocks: [
      section(
        `:warning: Your request (${what}, queued at ${when} UTC) was lost before it ran: the bot's Redis restarted without its data (no persistence). Nothing of it was done. Check with \`/kube list\` or \`/kube jobs\`, then run the command again.`,
      ),
    ],
  };
}

/** Tells a tracked operation's thread that the bot stopped following it: Redis lost its record. */
export function renderLostTracking(op: { kind: string; cluster: string }): Message {
  const what = `the ${escapeMrkdwn(op.kind)} of \`${escapeMrkdwn(op.cluster)}\``;
  const text = `I stopped following ${what}: the bot's Redis restarted without its data. Magnum goes on with it; check with /kube show ${op.cluster}.`;
  return {
    text: escapeMrkdwn(text),
    blocks: [
      section(
        `:warning: I stopped following ${what}: the bot's Redis restarted without its data (no persistence), so no progress or result will come here. Magnum goes on with it: check with \`/kube show ${escapeMrkdwn(op.cluster)}\`.`,
      ),
    ],
  };
}
