/**
 * The marker Redis keeps for as long as it keeps its data, on a redis-server of the test's own
 * (its command counts are this test's only): read once per connection on the way to queued jobs,
 * and read again, with another value, after Redis restarts without its data.
 */
import { redisEpoch } from '../../../src/queue/redis-epoch.js';
import { ask } from '../../helpers/redis-sentinel-group.js';
import { eventually, privateRedisForSuite } from './queue-test-kit.js';

/** How many times Redis ran each of the marker's commands since it started. */
async function markerCommands(url: string): Promise<Record<'set' | 'get' | 'exec', number>> {
  const stats = String(await ask(Number(new URL(url).port), 'INFO', 'commandstats'));
  const calls = (name: string) => Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
  return { set: calls('set'), get: calls('get'), exec: calls('exec') };
}

describe('the Redis epoch marker', () => {
  const { redis, producer } = privateRedisForSuite();

  it('costs one round trip per connection, and is read again with a new value after Redis restarts empty', async () => {
    const epoch = redisEpoch(producer().client, 'epoch-test');

    const first = await epoch.remembered();
    for (let i = 0; i < 4; i += 1) expect(await epoch.remembered()).toBe(first);
    expect(await markerCommands(redis().url)).toEqual({ set: 1, get: 1, exec: 1 });

    await redis().kill();
    await redis().start();
    let after = '';
    await eventually(async () => {
      after = await epoch.remembered().catch(() => '');
      return after !== '';
    });

    expect(after).not.toBe(first);
    expect(await epoch.current()).toBe(after);
  });
});
