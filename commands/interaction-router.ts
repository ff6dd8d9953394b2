import { BotError } from '../src/core/errors.js';
import type { ActionRequest, InteractionHandler, Reply, ViewSubmission } from '../src/core/slack-request.js';
import { authorizeStep } from './access-step.js';
import { targetOf } from './handler-audit.js';
import type { ActionDefinition, CommandDefinition, FieldErrors, ViewDefinition } from './definition.js';
import type { RegistryDeps } from './slash-router.js';

interface Owned<D> {
  definition: D;
  /** The subcommand that declares it, for metrics. */
  command: string;
}

/** Every button and form of the subcommands, by action id and callback id; a duplicate id is a programming error. */
function index(definitions: readonly CommandDefinition[]) {
  const actions = new Map<string, Owned<ActionDefinition>>();
  const views = new Map<string, Owned<ViewDefinition>>();
  for (const command of definitions) {
    for (const action of command.actions ?? []) {
      for (const id of action.ids) {
        if (actions.has(id)) throw new Error(`action id ${id} is declared twice`);
        actions.set(id, { definition: action, command: command.name });
      }
    }
    for (const view of command.views ?? []) {
      if (views.has(view.callbackId)) throw new Error(`view ${view.callbackId} is declared twice`);
      views.set(view.callbackId, { definition: view, command: command.name });
    }
  }
  return { actions, views };
}

/**
 * Routes button clicks and modal submissions to the subcommand that declares them, with the
 * same steps as a slash command: validate the value, check the role (a denial is audited), handle.
 */
export function createInteractionRouter(definitions: readonly CommandDefinition[], deps: RegistryDeps): InteractionHandler {
  const { actions, views } = index(definitions);
  return {
    async onAction(request: ActionRequest, reply: Reply): Promise<void> {
      const log = deps.logger.child({ actionId: request.actionId, user: request.userId, channel: request.channelId });
      const owned = actions.get(request.actionId);
      if (!owned) {
        log.info({}, 'action not handled here');
        await reply({
          text: 'This button is no longer handled (the message may come from an older version of the bot). Run the command again.',
        });
        return;
      }
      const { definition, command } = owned;
      try {
        const value = definition.value.safeParse(request.value);
        if (!value.success) {
          deps.metrics.handled(command, 'usage');
          log.info({}, 'button value refused');
          await reply({ text: 'This button is not valid.' });
          return;
        }
        const actor = { userId: request.userId, channelId: request.channelId };
        const threadTs = request.threadTs ?? request.messageTs;
        const step = await authorizeStep(deps, actor, definition.role, { action: definition.name, target: '-', threadTs }, log);
        if (!step.allowed) {
          deps.metrics.handled(command, 'denied');
          await reply({ text: step.message });
          return;
        }
        await definition.handle({ ...deps, request, value: value.data, cloud: step.cloud, reply, log });
        deps.metrics.handled(command, 'ok');
      } catch (error) {
        deps.metrics.handled(command, 'error');
        log.error({ err: error }, 'action failed');
        await reply({ text: 'That did not work: nothing was started. Try again in a minute.' });
      }
    },

    async onViewSubmission(submission: ViewSubmission): Promise<FieldErrors | null> {
      const owned = views.get(submission.callbackId);
      const log = deps.logger.child({ callbackId: submission.callbackId, user: submission.userId });
      if (!owned) {
        log.info({}, 'view submission not handled here');
        // Acking with nothing would close the form as if it had worked: say why nothing happened.
        throw new BotError(
          'no_longer_applies',
          'This form is no longer handled (it may come from an older version of the bot). Run the command again.',
        );
      }
      const { definition, command } = owned;
      const parsed = definition.parse(submission);
      if (!parsed.ok) {
        deps.metrics.handled(command, 'usage');
        return parsed.errors;
      }
      const actor = { userId: submission.userId, channelId: parsed.channel };
      const step = await authorizeStep(
        deps,
        actor,
        definition.role,
        { action: definition.name, target: targetOf(parsed.value) ?? '-' },
        log,
      );
      if (!step.allowed) {
        deps.metrics.handled(command, 'denied');
        return { [definition.errorField]: step.message.slice(0, 150) };
      }
      try {
        const errors = await definition.handle({
          ...deps,
          submission,
          channel: parsed.channel,
          value: parsed.value,
          cloud: step.cloud,
          log,
        });
        deps.metrics.handled(command, errors === null ? 'ok' : 'usage');
        return errors;
      } catch (error) {
        deps.metrics.handled(command, 'error');
        throw error;
      }
    },
  };
}
