import { slackLimitKey, slackMethodLimit, takeToken, type TokenBucket } from '../../core/slack-tiers.js';

/**
 * Slack's rate limits as the stand-in enforces them: a token bucket per method (and per channel
 * for chat.postMessage) at the published tier, times `scale`. `take` answers how many seconds to
 * wait (Slack's `Retry-After`, whole seconds, at least 1) when the call is over the limit.
 */
export class StandInRateLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly scale: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one call from the method's bucket; null when within the limit, else the Retry-After seconds. */
  take(method: string, channel: string | undefined): number | null {
    const limit = slackMethodLimit(method, this.scale);
    if (limit === null) return null;
    const key = slackLimitKey(method, limit, channel);
    const { bucket, waitMs } = takeToken(this.buckets.get(key), limit.perMinute, limit.burst, this.now());
    this.buckets.set(key, bucket);
    return waitMs === 0 ? null : Math.max(1, Math.ceil(waitMs / 1000));
  }
}
