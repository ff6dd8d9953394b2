import type { Finding } from '../core/finding.js';
import type { Message } from '../core/ports.js';
import { actions, button, context, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';

export const CREATE_WITHOUT_VOLUME_ACTION = 'lifecycle-create-without-volume';
export const CREATE_WITH_VOLUME_ACTION = 'lifecycle-create-with-volume';
export const CREATE_CANCEL_ACTION = 'lifecycle-create-cancel';

/** The pre-flight warning (seed 000: docker volume size on an overlay2 template): what and why. */
export function renderCreatePreflight(cluster: string, finding: Finding): Message {
  const evidence = finding.evidence.map((e) => `• ${escapeMrkdwn(e)}`).join('\n');
  return {
    text: `Before creating ${cluster}: ${finding.title}`,
    blocks: [
      section(`:warning: *Before creating ${code(cluster)}:* ${escapeMrkdwn(finding.title)}`),
      section(`${evidence}\n${escapeMrkdwn(finding.explanation)}${finding.reference ? `\n_${escapeMrkdwn(finding.reference)}_` : ''}`),
    ],
  };
}

/**
 * The choice, in its own message (replaced once decided, the warning above stays). All three
 * buttons carry the same single-use token, so only the first click counts; the safe choice
 * is the primary one.
 */
export function renderCreatePreflightChoice(cluster: string, opts: { user: string; token: string; expiresInMs: number }): Message {
  return {
    text: `Create ${cluster} without the docker volume (recommended), with it anyway, or cancel?`,
    blocks: [
      section(`Create ${code(cluster)} without the docker volume (recommended), with it anyway, or cancel?`),
      actions('lifecycle-create-preflight', [
        button({ actionId: CREATE_WITHOUT_VOLUME_ACTION, text: 'Create without the volume', value: opts.token, style: 'primary' }),
        button({
          actionId: CREATE_WITH_VOLUME_ACTION,
          text: 'Create with the volume anyway',
          value: opts.token,
          style: 'danger',
          confirm: { title: 'Create with the volume?', text: 'The known issue leaves kube-system pods in ContainerCreating; the cluster will need to be recreated.', confirm: 'Create anyway', deny: 'Back' },
        }),
        button({ actionId: CREATE_CANCEL_ACTION, text: 'Cancel', value: opts.token }),
      ]),
      context(`Only ${mentionUser(opts.user)} or an admin can choose; the buttons expire in ${formatDuration(opts.expiresInMs)}.`),
    ],
  };
}

/** Replaces a confirmation message's buttons once someone decided. */
export function renderDecided(original: string, decision: string): Message {
  return { text: `${original} ${decision}`, blocks: [section(`${escapeMrkdwn(original)}\n${decision}`)] };
}
