import type { App, RespondArguments } from '@slack/bolt';
import type { Logger, Message, SlackPoster } from '../core/ports.js';
import type { CommandPlan, InteractionHandler, SlashCommandHandler } from '../core/slack-request.js';
import { createEphemeralReply, type ReplyTarget } from './ephemeral-reply.js';
import { userFacingError } from './error-message.js';
import { fitMessage } from './slack-limits.js';
import { responseUrlOf, toActionRequest, toSlashRequest, toViewSubmission } from './slack-payloads.js';

export interface ListenerDeps {
  commands: SlashCommandHandler;
  interactions: InteractionHandler;
  poster: SlackPoster;
  apiUrl: string;
  logger: Logger;
  now: () => number;
}

/** Bolt's block types are a closed union; our messages carry plain Block Kit objects. */
function ephemeralAck(message: Message): RespondArguments {
  return { response_type: 'ephemeral', ...fitMessage(message) } as RespondArguments;
}

export interface RegisteredListeners {
  /** Waits (at most `timeoutMs`) for work that runs after an ack to finish, for a clean shutdown. */
  drain(timeoutMs: number): Promise<void>;
}

/** Registers the `/kube` command, block actions and view submissions on the app. */
export function registerListeners(app: App, deps: ListenerDeps): RegisteredListeners {
  const { logger } = deps;
  const replyDeps = { apiUrl: deps.apiUrl, poster: deps.poster, logger, now: deps.now };
  const inflight = new Set<Promise<void>>();
  const track = (work: () => Promise<void>): Promise<void> => {
    const running = work().finally(() => inflight.delete(running));
    inflight.add(running);
    return running;
  };

  app.command('/kube', async ({ body, ack, respond }) => {
    let plan: CommandPlan;
    let request;
    try {
      request = toSlashRequest(body);
      plan = deps.commands.plan(request);
    } catch (error) {
      await ack(ephemeralAck(userFacingError(error, logger, { command: '/kube' })));
      return;
    }
    const context = { user: request.userId, channel: request.channelId, team: request.teamId, trigger: request.triggerId };
    if (plan.kind === 'reply') {
      await ack(ephemeralAck(plan.message));
      return;
    }
    // Nothing remote before the ack: Slack gives us 3 seconds.
    await ack();
    const reply = createEphemeralReply(
      { channelId: request.channelId, userId: request.userId, responseUrl: responseUrlOf(body), respond },
      replyDeps,
    );
    await track(async () => {
      try {
        await plan.run(reply);
      } catch (error) {
        await reply(userFacingError(error, logger, context)).catch((replyError: unknown) =>
          logger.error({ ...context, err: replyError }, 'could not tell the user about a failed command'),
        );
      }
    });
  });

  app.action({ type: 'block_actions' }, async ({ body, ack, respond }) => {
    await ack();
    await track(() => handleAction(body, respond));
  });

  async function handleAction(body: unknown, respond: ReplyTarget['respond']): Promise<void> {
    let context: object = {};
    try {
      const request = toActionRequest(body);
      context = { user: request.userId, channel: request.channelId, action: request.actionId };
      const reply = createEphemeralReply(
        { channelId: request.channelId, userId: request.userId, threadTs: request.threadTs, responseUrl: responseUrlOf(body), respond },
        replyDeps,
      );
      try {
        await deps.interactions.onAction(request, reply);
      } catch (error) {
        await reply(userFacingError(error, logger, context));
      }
    } catch (error) {
      logger.error({ ...context, err: error }, 'block action failed');
    }
  }

  app.view({ type: 'view_submission' }, async ({ body, ack }) => {
    let context: object = {};
    try {
      const submission = toViewSubmission(body);
      context = { user: submission.userId, callbackId: submission.callbackId };
      const errors = await deps.interactions.onViewSubmission(submission);
      await (errors === null ? ack() : ack({ response_action: 'errors', errors }));
    } catch (error) {
      const message = userFacingError(error, logger, context);
      await ack({
        response_action: 'update',
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'kube-chatops' },
          close: { type: 'plain_text', text: 'Close' },
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: message.text.slice(0, 3000) } }],
        },
      });
    }
  });

  // Sent only for views with notify_on_close; acked so Slack does not log a failure.
  app.view({ type: 'view_closed' }, async ({ ack }) => {
    await ack();
  });

  return {
    async drain(timeoutMs: number): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...inflight]), timeout]);
      clearTimeout(timer);
    },
  };
}
