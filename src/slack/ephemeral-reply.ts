import type { Logger, Message, SlackPoster } from '../core/ports.js';
import type { Reply } from '../core/slack-request.js';
import { isTrustedResponseUrl } from './response-url-guard.js';
import { fitMessage } from './slack-limits.js';

/** Slack allows 5 posts to a response_url within 30 minutes; stay inside with a margin. */
const RESPONSE_URL_MAX_USES = 5;
const RESPONSE_URL_MAX_AGE_MS = 25 * 60_000;

export interface ReplyTarget {
  channelId: string;
  userId: string;
  threadTs?: string;
  /** The payload's response_url (a bearer capability: never log it). */
  responseUrl: string | undefined;
  /** Bolt's respond() for this payload, bound to that same response_url. */
  respond: ((message: object) => Promise<unknown>) | undefined;
}

export interface ReplyDeps {
  apiUrl: string;
  poster: SlackPoster;
  logger: Logger;
  now: () => number;
}

/**
 * The Reply handed to commands and actions: an ephemeral answer to the requester. It uses
 * the response_url only when its host is Slack's (or the configured API host; see
 * response-url-guard.ts for why) and while it is fresh; otherwise chat.postEphemeral with the
 * bot token. Without a channel (e.g. App Home) it falls back to a DM.
 */
export function createEphemeralReply(target: ReplyTarget, deps: ReplyDeps): Reply {
  const trusted = isTrustedResponseUrl(target.responseUrl, deps.apiUrl);
  const createdAt = deps.now();
  let uses = 0;
  if (target.responseUrl !== undefined && !trusted) {
    deps.logger.warn({ channel: target.channelId, user: target.userId }, 'ignoring response_url on an untrusted host');
  }

  return async (message: Message): Promise<void> => {
    const fresh = uses < RESPONSE_URL_MAX_USES && deps.now() - createdAt < RESPONSE_URL_MAX_AGE_MS;
    if (trusted && fresh && target.respond !== undefined) {
      uses += 1;
      try {
        await target.respond({ response_type: 'ephemeral', replace_original: false, ...fitMessage(message) });
        return;
      } catch (error) {
        deps.logger.warn({ err: error, channel: target.channelId }, 'response_url post failed; using chat.postEphemeral');
      }
    }
    if (target.channelId === '') {
      await deps.poster.post(target.userId, message);
      return;
    }
    await deps.poster.postEphemeral(target.channelId, target.userId, message, target.threadTs);
  };
}
