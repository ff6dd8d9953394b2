import type { Message } from '../core/ports.js';
import { actions, button, context, fields, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, mentionUser } from './mrkdwn.js';
import { SCALE_ACTIONS } from '../core/requests/scale-request.js';

const PODS_SHOWN = 10;

export interface ScaleDownPreviewInput {
  cluster: string;
  /** `ns/kind/name`, as the user wrote it in kubectl's spelling. */
  target: string;
  /** Desired and ready replicas now; null when the workload could not be read. */
  current: { desired: number; ready: number } | null;
  /** Names of the pods that scaling to 0 deletes. */
  pods: readonly string[];
  user: string;
  token: string;
  expiresInMs: number;
}

/** The preview of scaling a workload to 0 replicas; Confirm and Cancel share one single-use token. */
export function renderScaleDownPreview(input: ScaleDownPreviewInput): Message {
  const replicas = input.current === null ? 'could not be read → 0' : `${input.current.desired} → 0 (${input.current.ready} ready now)`;
  const shown = input.pods.slice(0, PODS_SHOWN).map(code).join('\n');
  const more = input.pods.length > PODS_SHOWN ? `\n… and ${input.pods.length - PODS_SHOWN} more` : '';
  return {
    text: `Scale ${input.target} on ${input.cluster} to 0 replicas? Waiting for confirmation from ${input.user}.`,
    blocks: [
      section(
        `:warning: ${mentionUser(input.user)} asked to scale ${code(input.target)} on ${code(input.cluster)} to *0 replicas*: ` +
          'its pods are deleted and it serves nothing until it is scaled up again.',
      ),
      fields([
        ['Replicas', replicas],
        [`Pods deleted (${input.pods.length})`, input.pods.length === 0 ? 'none found' : `${shown}${more}`],
      ]),
      actions('workload-scale', [
        button({ actionId: SCALE_ACTIONS.confirm, text: 'Scale to 0', value: input.token, style: 'danger' }),
        button({ actionId: SCALE_ACTIONS.cancel, text: 'Cancel', value: input.token }),
      ]),
      context(
        `Only ${mentionUser(input.user)} or an admin can confirm; the button expires in ${formatDuration(input.expiresInMs)}. Scaling to 1 or more needs no confirmation.`,
      ),
    ],
  };
}
