import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandMetrics, JobMetrics } from '../core/ports.js';

export interface BotMetrics {
  registry: Registry;
  /** What the command registry counts. */
  commands: CommandMetrics;
  /** What the job processors count. */
  jobs: JobMetrics;
  render(): Promise<{ contentType: string; body: string }>;
}

/** Prometheus metrics of this process, served on GET /metrics. */
export function createMetrics(): BotMetrics {
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
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  return {
    registry,
    commands: { handled: (subcommand, outcome) => commands.inc({ subcommand, outcome }) },
    jobs: {
      finished(job, outcome, durationMs) {
        jobs.inc({ job, outcome });
        jobSeconds.observe({ job, outcome }, durationMs / 1000);
      },
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
