import { CREATE_ACTIONS, CREATE_JOB, CreateConfirmation, type CreateSpec } from '../src/core/requests/create-request.js';
import { mentionUser } from '../src/render/mrkdwn.js';
import { defineConfirmation, type Confirmed } from './confirm-click.js';
import type { ActionContext } from './definition.js';

/** A pre-flight choice: the create again, confirmed, with or without the docker volume. */
function choose(withVolume: boolean) {
  return ({ spec, labelsRef, threadTs }: CreateConfirmation, ctx: ActionContext<string>): Confirmed => {
    const chosen: CreateSpec = withVolume ? spec : { ...spec, dockerVolumeSize: undefined };
    const choice = withVolume ? 'with the docker volume (known issue accepted)' : 'without the docker volume';
    return {
      data: { spec: chosen, confirmed: true, ...(labelsRef === undefined ? {} : { labelsRef }) },
      threadTs,
      outcome: choice,
      decision: `:white_check_mark: ${mentionUser(ctx.request.userId)} chose: create ${choice}.`,
    };
  };
}

/** The create pre-flight's buttons (a docker volume on an overlay2 template): without it, with it anyway, or cancel. */
export const createActions = defineConfirmation({
  job: CREATE_JOB,
  params: CreateConfirmation,
  cancel: CREATE_ACTIONS.cancel,
  confirms: { [CREATE_ACTIONS.withoutVolume]: choose(false), [CREATE_ACTIONS.withVolume]: choose(true) },
  describe: ({ spec }) => ({ target: spec.cluster, summary: `Create ${spec.cluster}` }),
});
