import type { Config } from '../config/load-config.js';
import type { Access } from '../core/access.js';
import type { Clock, Logger, Message, MessageRef, SlackPoster } from '../core/ports.js';
import type { ModalOpener } from '../core/slack-request.js';
import { createJobQueue } from '../queue/job-queue.js';
import { createOperationStore } from '../queue/operation-store.js';
import { createRedisAuditLog } from '../queue/redis-audit-log.js';
import { createRedisSingleUse } from '../queue/redis-single-use.js';
import { createRedisConnection } from '../queue/connection.js';
import { startWorkers, type RunningWorkers } from '../queue/run-workers.js';
import { createAuthorizer } from '../security/authorize.js';
import { createSlackDirectory } from '../slack/slack-directory.js';
import { policyUsergroups } from './policy-groups.js';
import { createConfirmation, deriveConfirmationSecret } from '../security/confirmation.js';
import { channelBinding } from '../security/policy.js';
import { createPolicySource } from '../security/policy-source.js';
import { createSlackApp } from '../slack/create-slack-app.js';
import { startProbeServer } from '../slack/probe-routes.js';
import { createSlackPoster } from '../slack/slack-poster.js';
import { createSlackWebClient } from '../slack/web-client.js';
import { createKubeConnector } from '../kube/kube-connector.js';
import { COMMANDS } from '../../commands/index.js';
import { createCommandRouter } from '../../commands/router.js';
import { JOBS } from '../../jobs/index.js';
import { createInteractionRouter } from './interactions.js';
import { createFinalFailureReporter, toProcessors } from './job-processors.js';
import { createMetrics } from './metrics.js';
import { createOpenStackRegistry } from './openstack-registry.js';
import { createTicketService } from './actions/ticket-service.js';
import { createRedisTicketKv } from '../queue/ticket-kv.js';
import { createKvTicketStore } from '../tickets/kv-ticket-store.js';
import { createTicketSink } from '../tickets/sinks/create-ticket-sink.js';

export interface StartBotOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Worker lock/stall tuning (tests shorten them to recover a killed worker quickly). */
  worker?: { lockDurationMs?: number; stalledIntervalMs?: number };
  /** How long confirmation buttons stay valid (default 10 min). */
  confirmTtlMs?: number;
}

export interface RunningBot {
  /** The HTTP port: Slack events and probes, or only the probes for ROLE=worker. */
  port: number;
  /** Stops taking work, finishes running jobs, closes every connection. */
  stop(): Promise<void>;
}

/** The composition root: builds every adapter from config and starts the roles asked for. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const metrics = createMetrics();
  const producer = createRedisConnection(config.redis.url, 'producer', logger);
  const queue = createJobQueue({ connection: producer, prefix: config.redis.prefix, logger });
  const policy = createPolicySource({ ...config.access, logger });
  const directory = createSlackDirectory({ slack: config.slack, logger }, { groups: () => policyUsergroups(policy.current()) });
  const authorizer = createAuthorizer({
    policy,
    userGroups: (user) => directory.userGroups(user),
    isGuest: (user) => directory.isGuest(user),
    logger,
  });
  const access: Access = {
    authorize: (actor, needed, action) => authorizer.authorize(actor, needed, action),
    cloudFor: (channelId) => channelBinding(policy.current(), channelId).cloud ?? config.openstack.cloud,
  };
  const openstack = createOpenStackRegistry(config.openstack, logger, clock);
  // Lifecycle (create/delete/resize): single-use confirmations, audit, tracked operations.
  const singleUse = createRedisSingleUse(producer.client, config.redis.prefix);
  const confirmations = createConfirmation({ secret: deriveConfirmationSecret(config.slack.signingSecret), clock, singleUse });
  const audit = createRedisAuditLog(producer.client, config.redis.prefix, logger);
  const operations = createOperationStore(producer.client, config.redis.prefix);
  const lifecycle = {
    audit,
    authorizer,
    operations,
    confirmations,
    confirmTtlMs: options.confirmTtlMs ?? 10 * 60_000,
    recentJobs: () => queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'completed', 'failed'], 200),
  };
  const kube = createKubeConnector({ kubeconfigDir: config.kubeconfigDir, clock, logger });

  const runWeb = config.role !== 'worker';
  let slackApp: Awaited<ReturnType<typeof createSlackApp>> | null = null;
  let slack: SlackPoster;
  let modals: ModalOpener;
  if (runWeb) {
    const commands = createCommandRouter(COMMANDS, { queue, access, modals: { open: (t, v) => modals.open(t, v) }, clock, logger, audit });
    const messages = { update: (ref: MessageRef, message: Message) => slack.update(ref, message) };
    const interactions = createInteractionRouter({ queue, access, clock, logger, confirmations, audit, messages });
    slackApp = await createSlackApp({
      config: config.slack,
      port: config.port,
      logger,
      commands,
      interactions,
      readiness: () => queue.isReady(),
      metrics: () => metrics.render(),
      replayGuard: { firstSeen: (signature, ttlMs) => singleUse.claim(`slack-signature:${signature}`, ttlMs) },
    });
    slack = slackApp.poster;
    modals = slackApp.modals;
  } else {
    slack = createSlackPoster(createSlackWebClient(config.slack, logger));
    modals = { open: async () => undefined };
  }

  let workers: RunningWorkers | null = null;
  if (config.role !== 'web') {
    const deps = {
      slack,
      openstack: (cloud: string) => openstack.get(cloud),
      kube,
      queue,
      access,
      clock,
      settings: { pollIntervalMs: config.pollIntervalMs, diagnostics: config.diagnostics },
      lifecycle,
      // Support bundles: the configured sink, one ticket per thread kept in Redis, history from the audit log and the queue.
      tickets: createTicketService({
        sink: createTicketSink(config.tickets, { slack, wallClock: { now: () => Date.now() } }),
        store: createKvTicketStore(createRedisTicketKv(producer.client), `${config.redis.prefix}:tickets`),
        slack,
        clock,
        logger,
        audit,
        jobs: () => queue.getJobs(['active', 'waiting', 'delayed', 'completed', 'failed'], 200),
      }),
      watches: createRedisTicketKv(producer.client, `${config.redis.prefix}:`),
    };
    workers = await startWorkers({
      url: config.redis.url,
      prefix: config.redis.prefix,
      processors: toProcessors(JOBS, deps, metrics),
      concurrency: config.redis.workerConcurrency,
      logger,
      onFinalFailure: createFinalFailureReporter(slack),
      ...options.worker,
    });
  }

  // A worker has no Slack app, but its orchestrator still needs /healthz, /readyz and /metrics.
  const http =
    slackApp ?? (await startProbeServer({ port: config.port, ready: () => queue.isReady(), metrics: () => metrics.render(), logger }));
  const port = 'start' in http ? (await http.start()).port : http.port;
  logger.info({ role: config.role, port }, 'kube-chatops started');
  return {
    port,
    async stop() {
      await http.stop();
      await workers?.close();
      await queue.close();
      await producer.close();
      await openstack.close();
      policy.close();
      logger.info({}, 'kube-chatops stopped');
    },
  };
}
