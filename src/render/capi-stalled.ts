import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { code, codeBlock, mentionUser } from './mrkdwn.js';

/**
 * A Cluster API operation that cannot go on: Cluster API retries for ever, so Magnum keeps the
 * cluster *_IN_PROGRESS instead of failing it. Posted once, with what Cluster API or Nova says.
 */
export function renderCapiStalled(opts: {
  cluster: string;
  user: string;
  problem: string;
  driver: string;
  diagnosisQueued: boolean;
}): Message {
  const head =
    `:warning: ${mentionUser(opts.user)} ${code(opts.cluster)} is stuck: the ${opts.driver} driver keeps retrying, ` +
    'so Magnum will not turn this into a failure on its own.';
  return {
    text: `${opts.cluster} is stuck: ${opts.problem}`,
    blocks: [
      section(head),
      section(`*What Cluster API or Nova reports*\n${codeBlock(opts.problem)}`),
      context(
        opts.diagnosisQueued
          ? 'A diagnosis runs now; its findings follow in this thread. The progress above keeps updating if it recovers.'
          : 'Run `/kube diagnose` for the full picture. The progress above keeps updating if it recovers.',
      ),
    ],
  };
}
