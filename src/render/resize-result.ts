import type { Message } from '../core/ports.js';
import { section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, mentionUser } from './mrkdwn.js';

/** The final message of a finished resize. */
export function renderResizeComplete(cluster: string, opts: { user: string; nodes: number; elapsedMs: number }): Message {
  const text = `${cluster} now has ${opts.nodes} worker nodes (after ${formatDuration(opts.elapsedMs)}).`;
  return {
    text: `${mentionUser(opts.user)} ${text}`,
    blocks: [
      section(
        `:white_check_mark: ${mentionUser(opts.user)} ${code(cluster)} now has ${opts.nodes} worker nodes: *UPDATE_COMPLETE* after ${formatDuration(opts.elapsedMs)}.`,
      ),
    ],
  };
}
