import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

export interface BotMetrics {
  registry: Registry;
  commands: Counter<'subcommand' | 'outcome'>;
  jobs: Counter<'job' | 'outcome'>;
  render(): Promise<{ contentType: string; body: string }>;
}

/** Prometheus metrics of this process, served on GET /metrics. */
export function createMetrics(): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kube_chatops_' });
  const commands = new Counter({
    name: 'kube_chatops_commands_total',
    help: 'Slash commands received, by subcommand and outcome.',
    labelNames: ['subcommand', 'outcome'] as const,
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'kube_chatops_jobs_total',
    help: 'Jobs run, by job name and outcome.',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    commands,
    jobs,
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
