import type { Message } from '../core/ports.js';
import type { Unsettled } from '../core/settled.js';
import { context, section } from './blocks.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';

/** What the follow-up checks of a cluster came after. */
export const FOLLOWUP_AFTER = {
  create: 'create',
  resize: 'resize',
  upgrade: 'upgrade',
  'delete-retry': 'delete retry',
  watch: 'change',
} as const;
export type FollowupAfter = keyof typeof FOLLOWUP_AFTER;

export interface FollowupView {
  cluster: string;
  after: FollowupAfter;
  requester: string;
  /** 1-based number of this check and how many there are at most. */
  check: number;
  of: number;
  /** Minutes after the operation ended at which this check ran. */
  atMin: number;
  /** Minutes after the operation at which the next check runs; null when this was the last. */
  nextAtMin: number | null;
  unsettled: Unsettled;
}

const SHOWN = 5;

function list(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN).map((i) => code(i));
  return items.length > SHOWN ? `${shown.join(', ')} and ${items.length - SHOWN} more` : shown.join(', ');
}

function waitingLines(u: Unsettled): string[] {
  const lines: string[] = [];
  if (u.nodes.length > 0) lines.push(`• ${u.nodes.length} node${u.nodes.length === 1 ? '' : 's'} not Ready: ${list(u.nodes)}`);
  if (u.pods.length > 0) lines.push(`• ${u.pods.length} pod${u.pods.length === 1 ? '' : 's'} not running yet: ${list(u.pods)}`);
  for (const o of u.other) lines.push(`• ${escapeMrkdwn(o)}`);
  return lines;
}

/**
 * The one follow-up message of an operation while no finding explains what is not healthy
 * yet, and its last version when the cluster settled or the checks ran out.
 */
export function renderFollowup(view: FollowupView): Message {
  const name = code(view.cluster);
  const after = FOLLOWUP_AFTER[view.after];
  const where = `check ${view.check} of ${view.of}, ${view.atMin} min after the ${after}`;
  const waiting = waitingLines(view.unsettled);
  const footer = context(`Requested by ${mentionUser(view.requester)} · automatic follow-up check (post-${view.after})`);
  if (waiting.length === 0) {
    const text = `Health check of ${view.cluster}: healthy (${where})`;
    return {
      text,
      blocks: [section(`:white_check_mark: ${name} is healthy: every node Ready, every pod running (${where}). No more checks.`), footer],
    };
  }
  if (view.nextAtMin === null) {
    const text = `Health check of ${view.cluster}: not healthy after ${view.atMin} min, and no known cause found`;
    return {
      text,
      blocks: [
        section(
          `:warning: ${name} is still not healthy ${view.atMin} min after the ${after}, and no rule names a cause (${where}):\n${waiting.join('\n')}\nRun \`/kube diagnose ${escapeMrkdwn(view.cluster)}\` or \`/kube pods ${escapeMrkdwn(view.cluster)} --problems\` to look again.`,
        ),
        footer,
      ],
    };
  }
  const text = `Health check of ${view.cluster}: no finding yet, still settling (${where})`;
  return {
    text,
    blocks: [
      section(
        `:hourglass_flowing_sand: No finding on ${name} yet, but it is not settled (${where}):\n${waiting.join('\n')}\nNext check ${view.nextAtMin} min after the ${after}; this message is updated, and a finding is posted here as soon as one shows.`,
      ),
      footer,
    ],
  };
}
