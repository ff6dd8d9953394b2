/**
 * Slack's Web API rate limits, as published (https://docs.slack.dev/apis/web-api/rate-limits):
 * each method has a tier counted per app per workspace (Tier 1: 1+ per minute, Tier 2: 20+,
 * Tier 3: 50+, Tier 4: 100+), and `chat.postMessage` is special: about one message per second
 * per channel, short bursts allowed. The Slack stand-in enforces these and the outbox keeps
 * within them, from this one table.
 */

export type SlackLimitScope = 'channel' | 'workspace';

export interface SlackMethodLimit {
  /** Calls per minute at scale 1. */
  perMinute: number;
  /** Calls that may go at once before the rate applies (a token bucket's size). */
  burst: number;
  /** What the limit is counted per. */
  scope: SlackLimitScope;
}

/** The published tiers, with the small bursts Slack says it tolerates. */
export const SLACK_TIERS = {
  tier1: { perMinute: 1, burst: 2, scope: 'workspace' },
  tier2: { perMinute: 20, burst: 5, scope: 'workspace' },
  tier3: { perMinute: 50, burst: 10, scope: 'workspace' },
  tier4: { perMinute: 100, burst: 20, scope: 'workspace' },
  /** chat.postMessage: "one message per second per channel", "short bursts >1 allowed". */
  postMessage: { perMinute: 60, burst: 4, scope: 'channel' },
} as const satisfies Record<string, SlackMethodLimit>;

/** Each method's tier, from its reference page (https://docs.slack.dev/reference/methods/<method>, "Rate limits"). */
const METHOD_TIERS: Record<string, SlackMethodLimit> = {
  'chat.postMessage': SLACK_TIERS.postMessage,
  'chat.update': SLACK_TIERS.tier3,
  'chat.postEphemeral': SLACK_TIERS.tier4,
  'conversations.history': SLACK_TIERS.tier3,
  'conversations.replies': SLACK_TIERS.tier3,
  'conversations.info': SLACK_TIERS.tier3,
  'views.open': SLACK_TIERS.tier4,
  'files.getUploadURLExternal': SLACK_TIERS.tier4,
  'files.completeUploadExternal': SLACK_TIERS.tier4,
  'users.info': SLACK_TIERS.tier4,
  'usergroups.users.list': SLACK_TIERS.tier2,
  'auth.test': SLACK_TIERS.tier4,
  'apps.connections.open': SLACK_TIERS.tier1,
};

/** Methods not in the table: Tier 2, what "most methods" get. */
const DEFAULT_LIMIT = SLACK_TIERS.tier2;

/**
 * The limit of a method, its rate multiplied by `scale` (1: Slack's real limits; the demo and
 * tests that accelerate simulated time raise it by the same factor). Null when scale is 0: no limit.
 */
export function slackMethodLimit(method: string, scale = 1): SlackMethodLimit | null {
  if (!(scale > 0)) return null;
  const limit = METHOD_TIERS[method] ?? DEFAULT_LIMIT;
  return { perMinute: limit.perMinute * scale, burst: limit.burst, scope: limit.scope };
}

/** The bucket a call counts against: per method, and per channel where Slack counts so. */
export function slackLimitKey(method: string, limit: SlackMethodLimit, channel: string | undefined): string {
  return limit.scope === 'channel' ? `${method}:${channel ?? '-'}` : method;
}

/** A token bucket's state: tokens left at `at` (ms). */
export interface TokenBucket {
  tokens: number;
  at: number;
}

/**
 * Takes one token from a bucket (created full when absent) at `now`: the bucket after, and 0
 * when a token was taken, else the ms until one is there. The Redis store does the same in Lua.
 */
export function takeToken(
  bucket: TokenBucket | undefined,
  perMinute: number,
  burst: number,
  now: number,
): { bucket: TokenBucket; waitMs: number } {
  const perMs = perMinute / 60_000;
  const tokens = Math.min(burst, (bucket?.tokens ?? burst) + Math.max(0, now - (bucket?.at ?? now)) * perMs);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now }, waitMs: 0 };
  return { bucket: { tokens, at: now }, waitMs: Math.ceil((1 - tokens) / perMs) };
}
