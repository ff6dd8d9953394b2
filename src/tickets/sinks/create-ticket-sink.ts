import type { Dispatcher } from 'undici';
import type { Config } from '../../config/load-config.js';
import { ConfigError } from '../../core/errors.js';
import type { Clock, SlackPoster } from '../../core/ports.js';
import type { TicketSink } from '../types.js';
import type { RetryOptions } from './retry.js';
import { createSlackSink } from './slack-sink.js';
import { createWebhookSink } from './webhook-sink.js';
import { createZendeskSink } from './zendesk-sink.js';

export interface TicketSinkDeps {
  slack: SlackPoster;
  /** Real time, never the simulated clock: receivers check signature timestamps against theirs. */
  wallClock: Clock;
  retry?: Partial<RetryOptions>;
  dispatcher?: Dispatcher;
}

/** The sink `TICKET_SINK` names, built from `Config.tickets`. */
export function createTicketSink(config: Config['tickets'], deps: TicketSinkDeps): TicketSink {
  const common = { clock: deps.wallClock, retry: deps.retry, dispatcher: deps.dispatcher };
  switch (config.sink) {
    case 'slack':
      return createSlackSink(deps.slack);
    case 'webhook':
      if (!config.webhook) throw new ConfigError(['TICKET_WEBHOOK_URL and TICKET_WEBHOOK_SECRET are required when TICKET_SINK=webhook']);
      return createWebhookSink({ ...config.webhook, ...common });
    case 'zendesk':
      if (!config.zendesk)
        throw new ConfigError(['ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN are required when TICKET_SINK=zendesk']);
      return createZendeskSink({ ...config.zendesk, ...common });
  }
}
