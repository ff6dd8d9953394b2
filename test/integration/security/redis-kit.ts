import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** A real Redis connection and a prefix no other test uses; `cleanup` deletes the prefix's keys and disconnects. */
export function redisKit(): { redis: Redis; prefix: string; cleanup(): Promise<void> } {
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const prefix = `test-security-${randomBytes(6).toString('hex')}`;
  return {
    redis,
    prefix,
    async cleanup() {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
