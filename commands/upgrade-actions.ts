import { UPGRADE_ACTIONS, UPGRADE_JOB, UpgradeConfirmation } from '../src/core/requests/upgrade-request.js';
import { mentionUser } from '../src/render/mrkdwn.js';
import { defineConfirmation } from './confirm-click.js';

/**
 * Confirm of an upgrade: the upgrade job again, pinned to the previewed cluster, its template
 * then, and the target template's uuid, with the confirmation as job id.
 */
export const upgradeActions = defineConfirmation({
  job: UPGRADE_JOB,
  params: UpgradeConfirmation,
  cancel: UPGRADE_ACTIONS.cancel,
  cancelLinksJob: true,
  confirms: {
    [UPGRADE_ACTIONS.confirm]: (p, ctx) => ({
      data: { cluster: p.cluster, uuid: p.uuid, template: p.template, confirmedFrom: p.fromTemplate },
      threadTs: p.threadTs,
      outcome: `${p.fromVersion} to ${p.toVersion} (${p.templateName})`,
      decision: `:white_check_mark: Confirmed by ${mentionUser(ctx.request.userId)}: upgrading, progress in this thread.`,
    }),
  },
  describe: (p) => ({ target: p.cluster, summary: `Upgrade ${p.cluster} from Kubernetes ${p.fromVersion} to ${p.toVersion}` }),
});
