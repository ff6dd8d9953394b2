import { randomUUID } from 'node:crypto';
import { isBotError } from '../src/core/errors.js';
import type { JobProcessor } from '../src/core/job.js';
import type { Clock, JobMetrics, SlackPoster } from '../src/core/ports.js';
import { renderErrorMessage } from '../src/render/error-message.js';
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

/**
 * When a job fails for good, the requester hears why: in the job's thread when it has one,
 * else ephemerally (a typo'd cluster name is not worth a channel message).
 */
export function createFinalFailureReporter(slack: SlackPoster) {
  return async (_name: string, data: unknown, error: unknown): Promise<void> => {
    const origin = (data ?? {}) as ThreadOrigin;
    if (typeof origin.channel !== 'string') return;
    const message = renderErrorMessage(error, randomUUID().slice(0, 8));
    if (typeof origin.threadTs === 'string') await slack.post(origin.channel, message, origin.threadTs);
    else if (typeof origin.user === 'string') await slack.postEphemeral(origin.channel, origin.user, message);
  };
}
