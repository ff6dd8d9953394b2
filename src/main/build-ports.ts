import type { Config } from '../config/load-config.js';
import type { Access } from '../core/access.js';
import type { AuditLog } from '../core/audit.js';
import type { Confirmations, SingleUse } from '../core/confirmation.js';
import type { Clock, Logger } from '../core/ports.js';
import { createMetrics, type BotMetrics } from '../metrics/bot-metrics.js';
import { createRedisConnection, type RedisConnection } from '../queue/connection.js';
import { createJobQueue, type BullJobQueue } from '../queue/job-queue.js';
import { countTrackedOperations } from '../queue/operation-store.js';
import { createRedisAuditLog } from '../queue/redis-audit-log.js';
import { createRedisSingleUse } from '../queue/redis-single-use.js';
import { createAuthorizer } from '../security/authorize.js';
import { createConfirmation, deriveConfirmationSecret } from '../security/confirmation.js';
import { channelBinding, kubeconfigClusterAllowed } from '../security/policy.js';
import { policyUsergroups } from '../security/policy-groups.js';
import { createPolicySource, type PolicySource } from '../security/policy-source.js';
import { createSlackDirectory } from '../slack/slack-directory.js';

/**
 * The adapters both roles share, built once from config. The OpenStack clients are the worker's
 * alone (start-worker.ts): the web role never loads them, nor undici under them.
 */
export interface SharedPorts {
  clock: Clock;
  metrics: BotMetrics;
  producer: RedisConnection;
  queue: BullJobQueue;
  policy: PolicySource;
  access: Access;
  singleUse: SingleUse;
  /** The replay guard's memory of Slack request signatures (stamped by Slack's clock). */
  signatures: SingleUse;
  confirmations: Confirmations;
  audit: AuditLog;
}

/** Builds the shared adapters: the queue and its Redis, access (policy, Slack user groups, guests), audit, confirmations. */
export function buildSharedPorts(config: Config, logger: Logger, clock: Clock, timing: { jobBackoffMs?: number } = {}): SharedPorts {
  const producer = createRedisConnection(config.redis.target, 'producer', logger);
  const queue = createJobQueue({
    connection: producer,
    prefix: config.redis.prefix,
    logger,
    backoffDelayMs: timing.jobBackoffMs,
    waitForReplica: typeof config.redis.target !== 'string',
  });
  const metrics = createMetrics({
    trackedOperations: () => countTrackedOperations(producer.client, config.redis.prefix),
    queueText: () => queue.prometheusText(),
    logger,
  });
  const policy = createPolicySource({
    file: config.access.policyFile,
    operators: config.access.operators,
    admins: config.access.admins,
    logger,
  });
  const directory = createSlackDirectory(
    { slack: config.slack, logger, metrics: metrics.slack },
    { groups: () => policyUsergroups(policy.current()) },
  );
  const authorizer = createAuthorizer({
    policy,
    userGroups: (user) => directory.userGroups(user),
    isGuest: (user) => directory.isGuest(user),
    logger,
  });
  const access: Access = {
    authorize: (actor, needed, action) => authorizer.authorize(actor, needed, action),
    cloudFor: (channelId) => channelBinding(policy.current(), channelId).cloud ?? config.openstack.cloud,
    kubeconfigAllowed: (channelId, cloud, name) => kubeconfigClusterAllowed(policy.current(), channelId, cloud, name),
  };
  const singleUse = createRedisSingleUse(producer.client, config.redis.prefix, { now: () => clock.now(), scope: 'confirmations' });
  const signatures = createRedisSingleUse(producer.client, config.redis.prefix, { scope: 'slack-signatures' });
  // The memory starts when Redis does: recorded on every (re)connection unless already there, so
  // after a restart without persistence, what was made before it is `forgotten`, never `first`.
  const startMemory = () =>
    void Promise.all([singleUse.start(), signatures.start()]).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not record the single-use memory start'),
    );
  producer.client.on('ready', startMemory);
  if (producer.client.status === 'ready') startMemory();
  return {
    clock,
    metrics,
    producer,
    queue,
    policy,
    access,
    singleUse,
    signatures,
    confirmations: createConfirmation({ secret: deriveConfirmationSecret(config.slack.signingSecret), clock, singleUse }),
    audit: createRedisAuditLog(producer.client, config.redis.prefix, logger),
  };
}
