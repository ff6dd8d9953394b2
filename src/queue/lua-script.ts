import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Calls a script with its keys first, then its arguments. */
export type LuaScript = (...keysThenArgs: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script sent as EVALSHA (its SHA1, 40 bytes) rather than EVAL (its whole text, which Redis
 * hashes again on every call); ioredis sends the text once when Redis answers NOSCRIPT (a restart,
 * a failover, SCRIPT FLUSH). For the scripts on a request's path (the replay guard, the outbox):
 * measured 10-35 us less per call on loopback (3,000 calls, load 5).
 */
export function luaScript(redis: Redis, lua: string, numberOfKeys: number): LuaScript {
  const name = `kubeChatops_${createHash('sha1').update(lua).digest('hex')}`;
  redis.defineCommand(name, { lua, numberOfKeys });
  const command = (redis as unknown as Record<string, LuaScript>)[name];
  if (command === undefined) throw new Error(`ioredis did not define the script command ${name}`);
  return command.bind(redis);
}
