import type { Config } from '../config/load-config.js';
import type { Clock, Logger } from '../core/ports.js';
import { createLostJobWatch, rememberingQueue } from '../queue/lost-jobs.js';
import { redisEpoch } from '../queue/redis-epoch.js';
import { createRedisOutboxStore } from '../queue/outbox-store.js';
import { createLostJobReporter } from '../slack/lost-job-reporter.js';
import type { RunningWorkers } from '../queue/run-workers.js';
import { startProbeServer } from '../slack/probe-routes.js';
import { createSlackPoster, type OutboxPoster } from '../slack/slack-poster.js';
import { createWebApiCaller } from '../slack/web-api-call.js';
import { buildSharedPorts } from './build-ports.js';
import type { SlackApp } from './start-web.js';

/** How long stop() waits for the outbox's results and alerts (within the pod's grace period). */
const OUTBOX_DRAIN_MS = 5_000;

export interface StartBotOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Worker lock/stall tuning (tests shorten them to recover a killed worker quickly). */
  worker?: { lockDurationMs?: number; stalledIntervalMs?: number };
  /** How long confirmation buttons stay valid (default 10 min). */
  confirmTtlMs?: number;
  /** Client timeouts and retry backoffs (tests shorten them, so a give-up takes seconds rather than minutes). */
  timing?: BotTiming;
}

export interface BotTiming {
  /** Per-request timeout of the OpenStack clients (default 30 s). */
  openstackTimeoutMs?: number;
  /** First backoff of the OpenStack and Kubernetes clients' retries (default 500 ms, doubling to 8 s). */
  retryBaseMs?: number;
  /** Per-request timeout of the Kubernetes API clients (default 20 s). */
  kubeTimeoutMs?: number;
  /** First backoff between a job's attempts (default 2 s, doubling). */
  jobBackoffMs?: number;
  /** How often the web role looks for jobs, and the worker role for tracked operations, a Redis restarted without persistence lost (default 5 s). */
  lostJobCheckMs?: number;
}

export interface RunningBot {
  /** The HTTP port: Slack events and probes, or only the probes for ROLE=worker. */
  port: number;
  /** The metrics port: /metrics, /healthz and /readyz, in every role. */
  metricsPort: number;
  /** Stops taking work, finishes running jobs, closes every connection. */
  stop(): Promise<void>;
}

/** The composition root: builds the adapters from config and starts the roles asked for (ROLE=all|web|worker). */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const ports = buildSharedPorts(config, logger, options.clock ?? { now: () => Date.now() }, options.timing);
  // Every Slack write of this process goes through one outbox; its buckets and keyed posts live in Redis.
  const outbox = { store: createRedisOutboxStore(ports.producer.client, config.redis.prefix), rateLimitScale: config.slack.rateLimitScale };
  // The web role remembers what it queued for users, to tell them if Redis loses it unrun.
  const lostJobs =
    config.role === 'worker'
      ? null
      : createLostJobWatch({
          epoch: redisEpoch(ports.producer.client, config.redis.prefix),
          jobState: (id) => ports.queue.jobState(id),
          onLost: (jobs) => createLostJobReporter(slack, logger)(jobs),
          logger,
          ...(options.timing?.lostJobCheckMs === undefined ? {} : { intervalMs: options.timing.lostJobCheckMs }),
        });
  const webPorts = lostJobs === null ? ports : { ...ports, queue: rememberingQueue(ports.queue, lostJobs, () => Date.now()) };
  // The web role (Bolt's app, the command registry) is loaded only when it runs: ROLE=worker never imports it.
  const web: SlackApp | null =
    config.role === 'worker' ? null : await (await import('./start-web.js')).createWeb(config, logger, webPorts, outbox);
  const slack: OutboxPoster =
    web?.poster ?? createSlackPoster(createWebApiCaller(config.slack, logger, ports.metrics.slack), { ...outbox, logger });
  let workers: RunningWorkers | null = null;
  if (config.role !== 'web') {
    const { startWorker } = await import('./start-worker.js');
    workers = await startWorker(config, logger, ports, slack, options);
  }
  // A worker has no Slack app, but its orchestrator still needs /healthz, /readyz and /metrics.
  const readiness = { ready: () => ports.queue.isReady(), metrics: () => ports.metrics.render() };
  const http = web ?? (await startProbeServer({ port: config.port, ...readiness, logger }));
  const port = 'start' in http ? (await http.start()).port : http.port;
  const operability = await startProbeServer({ port: config.metricsPort, ...readiness, logger });
  logger.info({ role: config.role, port, metricsPort: operability.port }, 'kube-chatops started');
  return {
    port,
    metricsPort: operability.port,
    async stop() {
      lostJobs?.close();
      await http.stop();
      await workers?.close();
      // Results and alerts still waiting for their turn under Slack's limits are sent before Redis closes.
      await slack.drain(OUTBOX_DRAIN_MS);
      await ports.queue.close();
      await ports.producer.close();
      ports.policy.close();
      // Last, so the drain itself can be scraped.
      await operability.stop();
      logger.info({}, 'kube-chatops stopped');
    },
  };
}
