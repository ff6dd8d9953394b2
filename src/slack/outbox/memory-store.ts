import type { OutboxStore, PostRecord } from '../../core/outbox-store.js';
import { takeToken, type TokenBucket } from '../../core/slack-tiers.js';

/**
 * The outbox's state in this process only: for a Slack app without Redis (one process, state
 * lost on restart). The bot itself always runs on the Redis store (src/queue/outbox-store.ts).
 */
export function createMemoryOutboxStore(now: () => number = () => performance.now()): OutboxStore {
  const buckets = new Map<string, TokenBucket>();
  const pauses = new Map<string, number>();
  const posts = new Map<string, PostRecord>();
  return {
    async take(bucket, perMinute, burst) {
      const t = now();
      const pausedUntil = pauses.get(bucket) ?? 0;
      if (pausedUntil > t) return Math.ceil(pausedUntil - t);
      const taken = takeToken(buckets.get(bucket), perMinute, burst, t);
      buckets.set(bucket, taken.bucket);
      return taken.waitMs;
    },
    async pause(bucket, ms) {
      pauses.set(bucket, now() + ms);
    },
    getPost: async (key) => posts.get(key) ?? null,
    async beginPost(key, intent) {
      const earlier = posts.get(key);
      if (earlier !== undefined) return earlier;
      posts.set(key, intent);
      return null;
    },
    async putPost(key, record) {
      posts.set(key, record);
    },
    async deletePost(key) {
      posts.delete(key);
    },
  };
}
