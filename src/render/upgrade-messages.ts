import type { Message } from '../core/ports.js';
import { UPGRADE_ACTIONS } from '../core/requests/upgrade-request.js';
import { SOURCES } from '../core/sources.js';
import { actions, button, context, fields, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, mentionUser } from './mrkdwn.js';

export interface UpgradePreviewInput {
  cluster: string;
  uuid: string;
  cloud: string;
  driver: string;
  fromTemplate: string;
  toTemplate: string;
  fromVersion: string;
  toVersion: string;
  /** The Heat driver upgrades nodes in place; Cluster API replaces machines. */
  heat: boolean;
  /** Machines (or Heat nodes) that are replaced, one at a time. */
  nodes: number;
  user: string;
  token: string;
  expiresInMs: number;
}

/** The preview of an upgrade: what moves where; Confirm and Cancel share one single-use token. */
export function renderUpgradePreview(input: UpgradePreviewInput): Message {
  const ref = SOURCES.magnumRollingUpgrade;
  return {
    text: `Upgrade ${input.cluster} from Kubernetes ${input.fromVersion} to ${input.toVersion}? Waiting for confirmation from ${input.user}.`,
    blocks: [
      section(
        `:arrow_up: ${mentionUser(input.user)} asked to upgrade ${code(input.cluster)} from Kubernetes *${input.fromVersion}* to *${input.toVersion}*: ` +
          (input.heat
            ? 'each node is drained and upgraded in place, one at a time (the Heat driver’s rolling upgrade).'
            : 'every node is replaced, one at a time: a new machine joins, then an old one is drained and deleted.'),
      ),
      fields([
        ['Cluster', `${code(input.cluster)} (${code(input.uuid)})`],
        ['Cloud', code(input.cloud)],
        ['Template', `${code(input.fromTemplate)} → ${code(input.toTemplate)}`],
        ['Driver', input.driver],
        [input.heat ? 'Nodes upgraded' : 'Nodes replaced', String(input.nodes)],
      ]),
      context(`Magnum's upgrade action cannot be undone from here: there is no downgrade. <${ref.url}|${ref.title}>`),
      actions('lifecycle-upgrade', [
        button({ actionId: UPGRADE_ACTIONS.confirm, text: `Upgrade to ${input.toVersion}`, value: input.token, style: 'primary' }),
        button({ actionId: UPGRADE_ACTIONS.cancel, text: 'Cancel', value: input.token }),
      ]),
      context(`Only ${mentionUser(input.user)} or an admin can confirm; the button expires in ${formatDuration(input.expiresInMs)}.`),
    ],
  };
}

/** The final message of a finished upgrade. */
export function renderUpgradeComplete(cluster: string, opts: { user: string; version: string; elapsedMs: number }): Message {
  const text = `${cluster} runs Kubernetes ${opts.version} (upgraded in ${formatDuration(opts.elapsedMs)}).`;
  return {
    text: `${mentionUser(opts.user)} ${text}`,
    blocks: [
      section(
        `:white_check_mark: ${mentionUser(opts.user)} ${code(cluster)} runs Kubernetes *${opts.version}*: *UPDATE_COMPLETE* after ${formatDuration(opts.elapsedMs)}. Health checks follow in this thread.`,
      ),
    ],
  };
}
