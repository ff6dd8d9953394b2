import { UpstreamError, isBotError } from '../src/core/errors.js';
import { failureReference } from '../src/core/failure-reference.js';
import type { JobProcessor } from '../src/core/job.js';
import type { Clock, JobMetrics, SlackPoster } from '../src/core/ports.js';
import { renderErrorMessage, renderNotInChannel } from '../src/render/error-message.js';
import type { JobDefinition, JobDeps } from './definition.js';

/** Adapts job definitions to the queue's processors: validate the data, add the ports, count. */
export function toProcessors(
  definitions: readonly JobDefinition[],
  deps: JobDeps,
  metrics: JobMetrics,
  clock: Clock = deps.clock,
): Record<string, JobProcessor> {
  return Object.fromEntries(
    definitions.map((definition) => [
      definition.name,
      async (raw: unknown, runtime) => {
        const data = definition.data.parse(raw);
        const started = clock.now();
        try {
          const result = await definition.process(data, { ...deps, runtime, log: runtime.log });
          metrics.finished(definition.name, 'done', clock.now() - started);
          return result;
        } catch (error) {
          metrics.finished(definition.name, isBotError(error) && !error.retryable ? 'failed' : 'error', clock.now() - started);
          throw error;
        }
      },
    ]),
  );
}

interface ThreadOrigin {
  channel?: unknown;
  user?: unknown;
  threadTs?: unknown;
}

/** Slack's answers when the bot may not post in a channel (not invited; a private channel it cannot see). */
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found']);

/**
 * When a job fails for good, the requester hears why: in the job's thread when it has one,
 * else ephemerally (a typo'd cluster name is not worth a channel message). When the bot is not
 * in the channel, neither reaches them: they get a direct message saying to invite the bot.
 * The posts are keyed by the job (`key`): its attempt run again after a kill, or after Slack's
 * answer came late, finds the message already posted. Ephemeral messages cannot be looked up in
 * Slack (they are in no history), so that one may still come twice.
 */
export function createFinalFailureReporter(slack: SlackPoster) {
  return async (_name: string, data: unknown, error: unknown, key: string): Promise<void> => {
    const origin = (data ?? {}) as ThreadOrigin;
    if (typeof origin.channel !== 'string') return;
    if (error instanceof UpstreamError && error.service === 'slack' && NOT_IN_CHANNEL.has(error.upstreamCode ?? '')) {
      if (typeof origin.user === 'string') await slack.post(origin.user, renderNotInChannel(origin.channel), undefined, { key });
      return;
    }
    const message = renderErrorMessage(error, failureReference(key));
    if (typeof origin.threadTs === 'string') await slack.post(origin.channel, message, origin.threadTs, { key });
    else if (typeof origin.user === 'string') await slack.postEphemeral(origin.channel, origin.user, message);
  };
}
