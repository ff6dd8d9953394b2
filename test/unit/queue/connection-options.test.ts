import { connectionOptions, reconnectDelayMs, redactRedisUrl } from '../../../src/queue/connection.js';

describe('redis connection options', () => {
  it('removes the password from a URL meant for logs', () => {
    expect(redactRedisUrl('redis://bot:s3cret@redis.internal:6380/2')).toEqual('redis://bot:redacted@redis.internal:6380/2');
    expect(redactRedisUrl('rediss://:s3cret@redis.internal:6380')).toEqual('rediss://:redacted@redis.internal:6380');
  });

  it('leaves a URL without a password as it is', () => {
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toEqual('redis://127.0.0.1:6379');
  });

  it('does not echo a URL it cannot parse', () => {
    expect(redactRedisUrl('not a url with s3cret')).toEqual('(unparseable redis url)');
  });

  it('makes producer commands fail fast instead of queueing while Redis is down', () => {
    expect(connectionOptions('producer')).toMatchObject({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  });

  it('lets worker commands wait for Redis, as BullMQ requires', () => {
    const options = connectionOptions('worker');
    expect(options.maxRetriesPerRequest).toBeNull();
    expect(options.enableOfflineQueue).toBeUndefined();
  });

  it('reconnects forever with a delay that doubles up to a cap', () => {
    expect([1, 2, 3, 4, 5, 6, 100].map((times) => reconnectDelayMs(times, 1_000))).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
    const strategy = connectionOptions('worker').retryStrategy;
    expect(strategy?.(1_000)).toEqual(5_000);
  });
});
