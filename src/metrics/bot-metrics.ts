import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandMetrics, JobMetrics, Logger, OpenStackCallMetrics, SlackCallMetrics } from '../core/ports.js';

export interface BotMetrics {
  registry: Registry;
  /** What the command registry counts. */
  commands: CommandMetrics;
  /** What the job processors and the queue's workers count. */
  jobs: JobMetrics;
  /** Slack Web API calls (every HTTP attempt, so retries after a 429 count too). */
  slack: SlackCallMetrics;
  /** OpenStack HTTP requests (every attempt). */
  openstack: OpenStackCallMetrics;
  render(): Promise<{ contentType: string; body: string }>;
}

/** What is read from Redis at scrape time; a failing source leaves its metrics out of that scrape. */
export interface ScrapeSources {
  /** Tracked operations by cloud. */
  trackedOperations?: () => Promise<Record<string, number>>;
  /** BullMQ's own exposition (bullmq_job_count, bullmq_job_completed_total, bullmq_job_failed_total). */
  queueText?: () => Promise<string>;
  logger?: Logger;
}

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const WAIT_SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30, 60, 300];
const CALL_SECONDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Prometheus metrics of this process, served on GET /metrics (the metrics port and the web port). */
export function createMetrics(sources: ScrapeSources = {}): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kube_chatops_' });
  const commands = new Counter({
    name: 'kube_chatops_commands_total',
    help: 'Slash commands, buttons and forms handled, by subcommand and outcome (ok, usage, denied, error).',
    labelNames: ['subcommand', 'outcome'] as const,
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'kube_chatops_jobs_total',
    help: 'Job runs, by job name and outcome (done, failed for good, error to be retried).',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: 'kube_chatops_job_duration_seconds',
    help: 'How long one run of a job took, by job name and outcome.',
    labelNames: ['job', 'outcome'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const waitSeconds = new Histogram({
    name: 'kube_chatops_queue_wait_seconds',
    help: 'How long a job run waited in the queue after it was due, by job name (job="operations-poll" is the poll lag).',
    labelNames: ['job'] as const,
    buckets: WAIT_SECONDS,
    registers: [registry],
  });
  const slackCalls = new Counter({
    name: 'kube_chatops_slack_api_calls_total',
    help: 'Slack Web API HTTP requests, by method and HTTP status (error: no response).',
    labelNames: ['method', 'status'] as const,
    registers: [registry],
  });
  const slackLimited = new Counter({
    name: 'kube_chatops_slack_api_rate_limited_total',
    help: 'Slack Web API requests answered 429 (rate limited), by method.',
    labelNames: ['method'] as const,
    registers: [registry],
  });
  const openstackCalls = new Counter({
    name: 'kube_chatops_openstack_requests_total',
    help: 'OpenStack HTTP requests, by service and HTTP status (error: no response).',
    labelNames: ['service', 'status'] as const,
    registers: [registry],
  });
  const openstackSeconds = new Histogram({
    name: 'kube_chatops_openstack_request_duration_seconds',
    help: 'OpenStack HTTP request latency, by service and HTTP status.',
    labelNames: ['service', 'status'] as const,
    buckets: CALL_SECONDS,
    registers: [registry],
  });
  const trackedOperations = sources.trackedOperations;
  if (trackedOperations !== undefined) {
    new Gauge({
      name: 'kube_chatops_tracked_operations',
      help: 'Long operations (create, delete, resize) being tracked, by cloud (read from Redis: every process reports the same).',
      labelNames: ['cloud'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const counts = await scrapeSafely(trackedOperations, sources.logger);
        for (const [cloud, count] of Object.entries(counts ?? {})) this.set({ cloud }, count);
      },
    });
  }
  return {
    registry,
    commands: { handled: (subcommand, outcome) => commands.inc({ subcommand, outcome }) },
    jobs: {
      finished(job, outcome, durationMs) {
        jobs.inc({ job, outcome });
        jobSeconds.observe({ job, outcome }, durationMs / 1000);
      },
      waited: (job, waitMs) => waitSeconds.observe({ job }, waitMs / 1000),
    },
    slack: {
      called(method, status) {
        slackCalls.inc({ method, status: String(status) });
        if (status === 429) slackLimited.inc({ method });
      },
    },
    openstack: {
      called(service, status, durationMs) {
        openstackCalls.inc({ service, status: String(status) });
        openstackSeconds.observe({ service, status: String(status) }, durationMs / 1000);
      },
    },
    async render() {
      const own = await registry.metrics();
      const queueText = sources.queueText === undefined ? undefined : await scrapeSafely(sources.queueText, sources.logger);
      return { contentType: registry.contentType, body: queueText ? `${own}${queueText.trimEnd()}\n` : own };
    },
  };
}

async function scrapeSafely<T>(read: () => Promise<T>, logger: Logger | undefined): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'metrics source unavailable');
    return undefined;
  }
}
