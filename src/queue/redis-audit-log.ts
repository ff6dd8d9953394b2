import type { Redis } from 'ioredis';
import { UpstreamError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import { parseStored } from '../core/parse-stored.js';
import { AuditRecord, matchesAuditFilter, type AuditFilter, type AuditLog } from '../core/audit.js';

export interface RedisAuditLogOptions {
  /** Approximate length of the stream of all records (default 10,000). */
  maxLen?: number;
  /** Approximate length of each channel's stream (default 1,000). */
  channelMaxLen?: number;
  /** At most this many entries are read to answer one `recent` (default 2,000). */
  maxScan?: number;
}

const FIELD = 'r';
const PAGE = 200;
/** How long a write's idempotency key is kept: longer than any job's retries last. */
const ONCE_TTL_S = 7 * 24 * 3600;

/**
 * Appends to both streams unless ARGV[4] (an idempotency key) is set and KEYS[3] already exists;
 * the check and the appends are one step, so a crash cannot leave the key without the record.
 */
const WRITE = `
if ARGV[4] == '1' then
  if redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[5]) == false then return 0 end
end
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', '${FIELD}', ARGV[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', '${FIELD}', ARGV[1])
return 1`;

/**
 * AuditLog over Redis streams: one stream of everything and one per channel, so `/kube jobs`
 * reads only its channel. Each record is also logged (`audit`): the log pipeline is the
 * durable copy, Redis only keeps the recent ones.
 */
export function createRedisAuditLog(redis: Redis, prefix: string, logger: Logger, options: RedisAuditLogOptions = {}): AuditLog {
  const allKey = `${prefix}:audit`;
  const channelKey = (channelId: string) => `${prefix}:audit:channel:${channelId}`;
  const maxLen = options.maxLen ?? 10_000;
  const channelMaxLen = options.channelMaxLen ?? 1_000;
  const maxScan = options.maxScan ?? 2_000;

  return {
    async write(input, once) {
      const record = AuditRecord.parse(input);
      const json = JSON.stringify(record);
      let written: number;
      try {
        const onceKey = `${prefix}:audit:once:${once ?? ''}`;
        const keys = [allKey, channelKey(record.channelId), onceKey];
        const args = [json, maxLen, channelMaxLen, once === undefined ? '0' : '1', ONCE_TTL_S];
        written = Number(await redis.eval(WRITE, keys.length, ...keys, ...args));
      } catch (error) {
        logger.error({ err: error, audit: record }, 'audit write to redis failed');
        throw new UpstreamError('redis_unavailable', 'Cannot record the audit entry right now.', { service: 'redis', cause: error });
      }
      if (written === 1) logger.info({ audit: record }, 'audit');
      else logger.debug({ audit: record, once }, 'audit record already written by an earlier attempt');
    },

    async recent(filter: AuditFilter) {
      const key = filter.channelId === undefined ? allKey : channelKey(filter.channelId);
      const found: AuditRecord[] = [];
      let end = '+';
      let scanned = 0;
      while (found.length < filter.limit && scanned < maxScan) {
        const entries = await redis.xrevrange(key, end, '-', 'COUNT', PAGE);
        for (const [id, fields] of entries) {
          end = `(${id}`;
          const record = decode(fields);
          if (!record) {
            logger.warn({ key, id }, 'unreadable audit entry skipped');
            continue;
          }
          if (matchesAuditFilter(record, filter)) found.push(record);
          if (found.length >= filter.limit) break;
        }
        scanned += entries.length;
        if (entries.length < PAGE) break;
      }
      return found;
    },
  };
}

function decode(fields: readonly string[]): AuditRecord | undefined {
  const index = fields.indexOf(FIELD);
  const raw = index >= 0 && index % 2 === 0 ? fields[index + 1] : undefined;
  return parseStored(AuditRecord, raw);
}
