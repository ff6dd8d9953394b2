import { createFinalFailureReporter, toProcessors } from '../../jobs/job-processors.js';
import { FINISH_JOB, JOBS } from '../../jobs/index.js';
import { jobIdFor } from '../core/job-id.js';
import type { Config } from '../config/load-config.js';
import type { Logger, SlackPoster } from '../core/ports.js';
import { createKubeConnector } from '../kube/kube-connector.js';
import { createOpenStackRegistry } from '../openstack/openstack-registry.js';
import { createLostOperationWatch } from '../queue/lost-operations.js';
import { createOperationStore } from '../queue/operation-store.js';
import { startWorkers, type RunningWorkers } from '../queue/run-workers.js';
import { createRedisTicketKv } from '../queue/ticket-kv.js';
import { createKvTicketStore } from '../tickets/kv-ticket-store.js';
import { createTicketSink } from '../tickets/sinks/create-ticket-sink.js';
import { createTicketService } from '../tickets/ticket-service.js';
import { createLostTrackingReporter } from '../slack/lost-job-reporter.js';
import type { SharedPorts } from './build-ports.js';
import type { StartBotOptions } from './start-bot.js';

const RECENT_JOBS = 200;

/**
 * The worker role: every port a job uses, and the BullMQ workers that run them. Loaded only
 * when the role runs, so the web role never imports client-node, the OpenStack clients or undici.
 */
export async function startWorker(
  config: Config,
  logger: Logger,
  ports: SharedPorts,
  slack: SlackPoster,
  options: Pick<StartBotOptions, 'worker' | 'confirmTtlMs' | 'timing'>,
): Promise<RunningWorkers> {
  const { queue, producer, clock } = ports;
  const openstack = createOpenStackRegistry(config.openstack, logger, clock, ports.metrics.openstack, {
    timeoutMs: options.timing?.openstackTimeoutMs,
    retry: options.timing?.retryBaseMs === undefined ? undefined : { baseDelayMs: options.timing.retryBaseMs },
  });
  const recentJobs = () => queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'completed', 'failed'], RECENT_JOBS);
  const deps = {
    slack,
    openstack: (cloud: string) => openstack.get(cloud),
    kube: createKubeConnector({
      kubeconfigDir: config.kubeconfigDir,
      clock,
      logger,
      api: {
        ...(options.timing?.kubeTimeoutMs === undefined ? {} : { timeoutMs: options.timing.kubeTimeoutMs }),
        ...(options.timing?.retryBaseMs === undefined ? {} : { retry: { baseDelayMs: options.timing.retryBaseMs } }),
      },
    }),
    queue,
    access: ports.access,
    clock,
    settings: { pollIntervalMs: config.pollIntervalMs, confirmTtlMs: options.confirmTtlMs ?? 10 * 60_000, diagnostics: config.diagnostics },
    audit: ports.audit,
    operations: createOperationStore(producer.client, config.redis.prefix),
    confirmations: ports.confirmations,
    recentJobs,
    // Support bundles: the configured sink, one ticket per thread kept in Redis, history from the audit log and the queue.
    tickets: createTicketService({
      sink: createTicketSink(config.tickets, { slack, wallClock: { now: () => Date.now() } }),
      store: createKvTicketStore(createRedisTicketKv(producer.client), `${config.redis.prefix}:tickets`),
      slack,
      clock,
      logger,
      audit: ports.audit,
      jobs: recentJobs,
    }),
    watches: createRedisTicketKv(producer.client, `${config.redis.prefix}:`),
    held: createRedisTicketKv(producer.client, `${config.redis.prefix}:held:`),
  };
  const workers = await startWorkers({
    url: config.redis.target,
    prefix: config.redis.prefix,
    processors: toProcessors(JOBS, deps, ports.metrics.jobs),
    metrics: ports.metrics.jobs,
    concurrency: config.redis.workerConcurrency,
    logger,
    onFinalFailure: createFinalFailureReporter(slack),
    ...options.worker,
  });
  // Tracked operations live only in Redis: if it restarts without its data, their threads are told.
  const lostOperations = createLostOperationWatch({
    client: producer.client,
    prefix: config.redis.prefix,
    onLost: createLostTrackingReporter(slack, logger),
    // An ended operation leaves the tracked set before its finish job posts the result: watched until it has run.
    stillInHand: async (id) => !['completed', 'failed', null].includes(await queue.jobState(jobIdFor(FINISH_JOB, id))),
    logger,
    ...(options.timing?.lostJobCheckMs === undefined ? {} : { intervalMs: options.timing.lostJobCheckMs }),
  });
  return {
    async close() {
      lostOperations.close();
      await workers.close();
      await openstack.close();
    },
  };
}
