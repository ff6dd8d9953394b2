import { WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { z } from 'zod';
import { UpstreamError } from '../core/errors.js';
import type { OutboxStore, PostRecord } from '../core/outbox-store.js';
import type { Logger, Message, MessageRef, SlackPoster } from '../core/ports.js';
import { slackLimitKey, slackMethodLimit } from '../core/slack-tiers.js';
import { createMemoryOutboxStore } from './outbox/memory-store.js';
import { carriesKey, postMetadata, postOnce, type EarlyWrite, type PostLookup } from './outbox/keyed-post.js';
import { OutboxLane, RateLimited } from './outbox/outbox-lane.js';
import { sharesFile, uploadSnippet, type UploadCalls } from './outbox/snippet-upload.js';
import { toSlackError } from './slack-errors.js';
import { fitMessage } from './slack-limits.js';
import type { WebApiCaller } from './web-api-call.js';
import { SLACK_CALL_TIMEOUT_MS } from './web-client.js';

const Posted = z.object({ ts: z.string(), channel: z.string().optional() });
const History = z.object({
  messages: z.array(z.object({ ts: z.string() }).passthrough()).default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** The bot's share of each limit: a margin for clock jitter between the bot and Slack. */
const RATE_MARGIN = 0.9;
/** Attempts of one write whose outcome was unclear (5xx, timeout, lost connection) before the job is told. */
const ATTEMPTS = 3;
const BACKOFF_MS = 1000;
/** Pages of history read to find a keyed post again (newest first). */
const LOOKUP_PAGES = 3;
/** Slack platform errors after which the write may or may not have happened. */
const UNCLEAR_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export interface OutboxOptions {
  /** Token buckets and keyed posts shared by every process (Redis); default: this process's memory only. */
  store?: OutboxStore;
  /** Slack's tiers times this (SLACK_RATE_LIMIT_SCALE); default 1. */
  rateLimitScale?: number;
  logger?: Logger;
  now?: () => number;
  /** Sends an upload's bytes to the URL Slack hands out; default: global fetch. */
  fetch?: typeof fetch;
}

/** The poster plus what the process needs at shutdown. */
export interface OutboxPoster extends SlackPoster {
  /** Waits (at most `timeoutMs`) until no result or alert waits; progress edits still waiting are dropped. */
  drain(timeoutMs: number): Promise<void>;
}

/** A 429, as the client reports it with rejectRateLimitedCalls (or Slack's `ratelimited` error in a 200). */
function rateLimitedMs(error: unknown): number | null {
  if (error instanceof WebAPIRateLimitedError) return Math.max(1, error.retryAfter) * 1000;
  if (error instanceof WebAPIPlatformError && error.data.error === 'ratelimited') return 1000;
  return null;
}

/** Whether Slack certainly did not do the write (a refusal, or no connection at all); looks through an UpstreamError's cause. */
function refused(error: unknown): boolean {
  if (error instanceof UpstreamError) return refused(error.cause);
  if (error instanceof WebAPIPlatformError) return !UNCLEAR_PLATFORM_ERRORS.has(String(error.data.error));
  if (error instanceof WebAPIRequestError) return /ECONNREFUSED|ENOTFOUND/.test(String(error.original?.message ?? ''));
  return false;
}

/** What a gated post's call answers when its intent was not recorded: Slack was not called. */
const NOT_SENT = Symbol('not sent');

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };

/** A wait that does not keep the process alive by itself (a stopped bot exits; a running one has its servers). */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The one way the bot writes to Slack: an outbox over a WebClient whose own retries are off.
 * Every write waits for a token of its Slack limit (per method, and per channel for
 * chat.postMessage; buckets shared by every process through the store), results and alerts go
 * before progress edits, a progress edit replaces the one still waiting for the same message,
 * a 429 holds the bucket for Retry-After, and a post with a key is sent once (see keyed-post.ts).
 * Messages are fitted to Slack's limits; every failure becomes an UpstreamError (service `slack`).
 */
export function createSlackPoster(client: WebApiCaller, options: OutboxOptions = {}): OutboxPoster {
  const lanes = new Map<string, OutboxLane>();
  const now = options.now ?? Date.now;
  const log = options.logger ?? silentLogger;
  const outbox = { store: options.store ?? createMemoryOutboxStore(), rateLimitScale: options.rateLimitScale ?? 1 };

  function lane(method: string, channel: string | undefined): OutboxLane {
    const limit = slackMethodLimit(method, outbox.rateLimitScale) ?? { perMinute: 1e9, burst: 1e9, scope: 'workspace' as const };
    const bucket = slackLimitKey(method, limit, channel);
    let found = lanes.get(bucket);
    if (found === undefined) {
      const share = { perMinute: limit.perMinute * RATE_MARGIN, burst: Math.max(1, limit.burst - 1) };
      // Posts into one channel go one at a time, so that they arrive in the order they were asked for.
      found = new OutboxLane(bucket, share, outbox.store, log, limit.scope === 'channel' ? 1 : 4);
      lanes.set(bucket, found);
    }
    return found;
  }

  /** One raw call; a 429 becomes RateLimited for the lane. */
  async function raw<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const ms = rateLimitedMs(error);
      if (ms !== null) throw new RateLimited(ms);
      throw error;
    }
  }

  /** Sends through the method's lane, again after an unclear outcome when `retry` allows it. */
  async function send<T>(
    method: string,
    channel: string | undefined,
    options: { urgent: boolean; message?: string; retry: boolean },
    call: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await lane(method, channel).submit(options.urgent, options.message, () => raw(call));
      } catch (error) {
        if (!options.retry || refused(error) || attempt >= ATTEMPTS) throw toSlackError(error, method);
        log.warn({ err: error, method, attempt }, 'outbox: unclear Slack answer; trying again');
        await sleep(BACKOFF_MS * attempt);
      }
    }
  }

  const apiCall = (method: string, args: Record<string, unknown>) => () => client.apiCall(method, args);

  /** Finds a keyed post again: the thread's replies, or the channel's latest messages. */
  async function findMessage(record: PostRecord, match: (message: unknown) => boolean): Promise<string | null> {
    const method = record.threadTs === undefined ? 'conversations.history' : 'conversations.replies';
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page += 1) {
      const args = { channel: record.channel, ts: record.threadTs, include_all_metadata: true, limit: 200, cursor };
      const answer = History.parse(await send(method, undefined, { urgent: true, retry: true }, apiCall(method, args)));
      const found = answer.messages.find(match);
      if (found !== undefined) return found.ts;
      cursor = answer.response_metadata?.next_cursor;
      if (cursor === undefined || cursor === '') return null;
    }
    return null;
  }

  /** chat.postMessage through its channel's lane; with `recorded`, Slack is called only once it resolves true (else null: not sent). */
  async function postGated(
    channel: string,
    message: Message,
    threadTs: string | undefined,
    key: string | undefined,
    recorded?: Promise<boolean>,
  ): Promise<MessageRef | null> {
    const args = { channel, ...fitMessage(message), thread_ts: threadTs, ...(key === undefined ? {} : { metadata: postMetadata(key) }) };
    const call = apiCall('chat.postMessage', args);
    const gated = recorded === undefined ? call : async () => ((await recorded) ? call() : NOT_SENT);
    const answer = await send('chat.postMessage', channel, { urgent: true, retry: false }, gated);
    if (answer === NOT_SENT) return null;
    const result = Posted.parse(answer);
    return { channel: result.channel ?? channel, ts: result.ts };
  }

  async function postNow(channel: string, message: Message, threadTs: string | undefined, key?: string): Promise<MessageRef> {
    const ref = await postGated(channel, message, threadTs, key);
    if (ref === null) throw new Error('chat.postMessage was not sent');
    return ref;
  }

  const byKey: PostLookup = { find: (record, key) => findMessage(record, (m) => carriesKey(m, key)) };
  // An upload without a recorded file id was never shared (the id is recorded before the share).
  const byFile: PostLookup = {
    find: async (record) => (record.fileId === undefined ? null : findMessage(record, (m) => sharesFile(m, record.fileId ?? ''))),
  };
  const keyedInFlight = new Map<string, Promise<MessageRef>>();

  /** A keyed write (`write` gives its ts, or a keyed upload's file id), again after an unclear outcome, looked up first. */
  async function sendKeyed(
    key: string,
    where: { channel: string; threadTs?: string | undefined },
    lookup: PostLookup,
    write: () => Promise<MessageRef>,
    early?: EarlyWrite,
  ): Promise<MessageRef> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await postOnce({ store: outbox.store, lookup, now, refused }, key, where, write, early);
      } catch (error) {
        // Unclear: the next attempt looks the post up before sending it again.
        if (refused(error) || attempt >= ATTEMPTS) throw error;
        log.warn({ err: error, attempt }, 'outbox: keyed post unclear; looking it up before trying again');
        await sleep(BACKOFF_MS * attempt);
      }
    }
  }

  async function recordFile(key: string, fileId: string): Promise<void> {
    const record = await outbox.store.getPost(key);
    if (record !== null) await outbox.store.putPost(key, { ...record, fileId });
  }

  const sendBytes = options.fetch ?? globalThis.fetch;
  const uploadCalls = (channel: string): UploadCalls => ({
    api: (method, args, retry) => send(method, channel, { urgent: true, retry }, apiCall(method, args)),
    async put(url, content) {
      const init = { method: 'POST', body: content, signal: AbortSignal.timeout(SLACK_CALL_TIMEOUT_MS) };
      const response = await sendBytes(url, init).catch((error: unknown) => Promise.reject(toSlackError(error, 'upload URL')));
      // Read Slack's short answer to its end: an unread body keeps its connection checked out
      // (https://github.com/nodejs/undici#garbage-collection).
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        const status = response.status;
        throw new UpstreamError('slack_http_error', `Slack answered the file upload with HTTP ${status}.`, {
          service: 'slack',
          method: 'upload URL',
          status,
        });
      }
    },
  });

  return {
    post(channel, message, threadTs, options) {
      const key = options?.key;
      if (key === undefined) return postNow(channel, message, threadTs);
      // The same key twice at once in this process (a stalled job run again while its first run still posts): one post.
      const running = keyedInFlight.get(key);
      if (running !== undefined) return running;
      // The post takes its token while its intent is recorded (one round trip in line, not two).
      const posting = sendKeyed(
        key,
        { channel, threadTs },
        byKey,
        () => postNow(channel, message, threadTs, key),
        (recorded) => postGated(channel, message, threadTs, key, recorded),
      ).finally(() => keyedInFlight.delete(key));
      keyedInFlight.set(key, posting);
      return posting;
    },

    async update(ref, message, options) {
      const call = apiCall('chat.update', { channel: ref.channel, ts: ref.ts, ...fitMessage(message) });
      const target = `${ref.channel}/${ref.ts}`;
      if (options?.progress !== true) {
        await send('chat.update', ref.channel, { urgent: true, message: target, retry: true }, call);
        return;
      }
      // Progress is not awaited: only its latest state matters, and the next poll renders it again.
      send('chat.update', ref.channel, { urgent: false, message: target, retry: false }, call).catch((error: unknown) =>
        log.warn({ err: error, channel: ref.channel }, 'outbox: progress edit failed'),
      );
    },

    async postEphemeral(channel, user, message, threadTs) {
      const args = { channel, user, ...fitMessage(message), thread_ts: threadTs };
      await send('chat.postEphemeral', channel, { urgent: true, retry: false }, apiCall('chat.postEphemeral', args));
    },

    async uploadSnippet(channel, threadTs, file, options) {
      const key = options?.key;
      const where = { channel, threadTs };
      if (key === undefined) {
        await uploadSnippet(uploadCalls(channel), where, file, async () => undefined);
        return;
      }
      // A keyed upload's "ts" is its file id; the share is found again by it (see snippet-upload.ts).
      const upload = async () => ({ channel, ts: await uploadSnippet(uploadCalls(channel), where, file, (id) => recordFile(key, id)) });
      const running = keyedInFlight.get(key) ?? sendKeyed(key, where, byFile, upload).finally(() => keyedInFlight.delete(key));
      keyedInFlight.set(key, running);
      await running;
    },

    async drain(timeoutMs) {
      for (const l of lanes.values()) l.dropProgress();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all([...lanes.values()].map((l) => l.idle())), timeout]);
      clearTimeout(timer);
    },
  };
}
