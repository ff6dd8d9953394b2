import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../core/ports.js';

export type ConnectionRole = 'producer' | 'worker';

/** The primary of a Redis Sentinel group: ioredis asks the Sentinels where it is, and asks again after a failover. */
export interface SentinelTarget {
  sentinels: ReadonlyArray<{ host: string; port: number }>;
  /** The master name the Sentinels monitor. */
  name: string;
  /** Password of the Redis servers. */
  password?: string | undefined;
  /** Password of the Sentinels themselves. */
  sentinelPassword?: string | undefined;
}

/** Where Redis is: a `redis://` / `rediss://` URL, or a Sentinel group. */
export type RedisTarget = string | SentinelTarget;

/** One ioredis connection with the options its role needs, and an explicit close. */
export interface RedisConnection {
  readonly role: ConnectionRole;
  readonly client: Redis;
  /** `redis://host:port/db` with the password removed, or `sentinel://host:port,.../name`, for logs. */
  readonly safeUrl: string;
  close(): Promise<void>;
}

const PRODUCER_CONNECT_TIMEOUT_MS = 1_500;
const WORKER_CONNECT_TIMEOUT_MS = 10_000;
const PRODUCER_RECONNECT_CAP_MS = 2_000;
const WORKER_RECONNECT_CAP_MS = 5_000;
const QUIT_TIMEOUT_MS = 1_000;
// close() QUITs first; this only bounds how long a socket that will not close keeps the process alive.
const DISCONNECT_TIMEOUT_MS = 200;

/** Returns the URL without its password (and without a query that could hold one). */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = 'redacted';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '(unparseable redis url)';
  }
}

/** Reconnect delay for attempt `times` (1-based): exponential from 100 ms, capped, never giving up. */
export function reconnectDelayMs(times: number, capMs: number): number {
  const exponent = Math.min(Math.max(times - 1, 0), 16);
  return Math.min(100 * 2 ** exponent, capMs);
}

/** The ioredis options for a role: producers fail fast, workers wait for Redis forever. */
export function connectionOptions(role: ConnectionRole): RedisOptions {
  if (role === 'producer') {
    return {
      connectionName: 'kube-chatops:producer',
      disconnectTimeout: DISCONNECT_TIMEOUT_MS,
      enableOfflineQueue: false,
      connectTimeout: PRODUCER_CONNECT_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => reconnectDelayMs(times, PRODUCER_RECONNECT_CAP_MS),
    };
  }
  return {
    connectionName: 'kube-chatops:worker',
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    // BullMQ requires null on connections that run blocking commands.
    maxRetriesPerRequest: null,
    connectTimeout: WORKER_CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => reconnectDelayMs(times, WORKER_RECONNECT_CAP_MS),
  };
}

/** The target for logs: the URL without its password, or the Sentinels and master name. */
export function describeRedisTarget(target: RedisTarget): string {
  if (typeof target === 'string') return redactRedisUrl(target);
  return `sentinel://${target.sentinels.map((s) => `${s.host}:${s.port}`).join(',')}/${target.name}`;
}

// A primary demoted by a failover answers writes with READONLY until the connection is moved:
// reconnect (through the Sentinels, to the new primary) and resend the command.
const reconnectOnReadonly = (error: Error): 2 | false => (error.message.startsWith('READONLY') ? 2 : false);

/** The ioredis client for a target, with the role's options (exported for tests). */
export function newRedisClient(target: RedisTarget, role: ConnectionRole): Redis {
  const options = connectionOptions(role);
  if (typeof target === 'string') return new Redis(target, options);
  return new Redis({
    ...options,
    sentinels: target.sentinels.map((s) => ({ host: s.host, port: s.port })),
    name: target.name,
    ...(target.password === undefined ? {} : { password: target.password }),
    ...(target.sentinelPassword === undefined ? {} : { sentinelPassword: target.sentinelPassword }),
    // Subscribe to the Sentinels' +switch-master, so a failover moves the connection at once
    // rather than when the old primary's socket finally fails.
    failoverDetector: true,
    reconnectOnError: reconnectOnReadonly,
    sentinelRetryStrategy: (times) => reconnectDelayMs(times, role === 'producer' ? PRODUCER_RECONNECT_CAP_MS : WORKER_RECONNECT_CAP_MS),
  });
}

/** Opens the one kind of Redis connection the app uses; the caller closes it. */
export function createRedisConnection(target: RedisTarget, role: ConnectionRole, logger: Logger): RedisConnection {
  const safeUrl = describeRedisTarget(target);
  const log = logger.child({ component: 'redis', role, redis: safeUrl });
  const client = newRedisClient(target, role);
  let lastErrorCode: string | undefined;
  let wasReady = false;
  let closed = false;

  // ioredis repeats the same error on every reconnect attempt: log each new kind once.
  client.on('error', (error: unknown) => {
    const code = errorCode(error);
    if (code === lastErrorCode) return;
    lastErrorCode = code;
    log.warn({ code, err: error instanceof Error ? error.message : String(error) }, 'redis connection error');
  });
  client.on('ready', () => {
    if (wasReady || lastErrorCode !== undefined) log.info({}, 'redis connection ready');
    wasReady = true;
    lastErrorCode = undefined;
  });

  return {
    role,
    client,
    safeUrl,
    async close() {
      if (closed) return;
      closed = true;
      await closeClient(client);
    },
  };
}

async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, QUIT_TIMEOUT_MS);
    timer.unref();
  });
  try {
    await Promise.race([client.quit().then(() => undefined), timeout]);
  } catch {
    // QUIT failing means the socket is already gone; disconnect below settles the state.
  } finally {
    clearTimeout(timer);
    // The status changed while awaiting; TypeScript still holds the narrowed 'ready'.
    if ((client.status as string) !== 'end') client.disconnect();
  }
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
