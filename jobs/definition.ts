import type { z } from 'zod';
import type { Access } from '../src/core/access.js';
import type { JobRuntime } from '../src/core/job.js';
import type { Clock, JobQueue, KubeConnector, Logger, OpenStackApi, SlackPoster } from '../src/core/ports.js';
import type { LifecycleDeps } from './tracking/lifecycle.js';
import type { TicketPort } from './ticket-port.js';
import type { WatchStore } from './watch-store.js';

/** The ports every job may use; main.ts builds them once per worker process. */
export interface JobDeps {
  slack: SlackPoster;
  /** The authenticated OpenStack project for a cloud name. */
  openstack(cloud: string): OpenStackApi;
  kube: KubeConnector;
  queue: JobQueue;
  access: Access;
  clock: Clock;
  settings: JobSettings;
  /** Audit, worker re-check, tracked operations and confirmations for create/delete/resize. */
  lifecycle?: LifecycleDeps;
  /** Support bundles to the configured ticket sink (ticket-attach). */
  tickets?: TicketPort;
  /** Owner of each `/kube watch` loop (cluster-watch). */
  watches?: WatchStore;
}

export interface JobSettings {
  pollIntervalMs: number;
  diagnostics: { containerCreatingMinutes: number; slowCreateMinutes: number; stuckCreateMinutes: number };
}

export interface JobContext extends JobDeps {
  runtime: JobRuntime;
  log: Logger;
}

/** One job: a zod schema for its data (ids only) and an idempotent, resumable processor. */
export interface JobDefinition<D = unknown> {
  name: string;
  data: z.ZodType<D>;
  process(data: D, ctx: JobContext): Promise<unknown>;
}

export function defineJob<D>(definition: JobDefinition<D>): JobDefinition<unknown> {
  return definition as JobDefinition<unknown>;
}
