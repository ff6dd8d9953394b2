import type { z } from 'zod';
import type { Access } from '../src/core/access.js';
import type { AuditLog } from '../src/core/audit.js';
import type { Confirmations } from '../src/core/confirmation.js';
import type { JobRuntime } from '../src/core/job.js';
import type { Clock, JobQueue, KubeConnector, Logger, OpenStackApi, SlackPoster } from '../src/core/ports.js';
import type { TicketPort } from '../src/core/ticket-port.js';
import type { WatchStore } from '../src/core/watch-store.js';
import type { OperationStore } from './tracking/operation.js';

/** One queued, running or finished job as the queue reports it (structurally src/queue's JobSummary). */
export interface QueuedJobView {
  id: string;
  name: string;
  state: string;
  data: unknown;
  /** Epoch ms when it was added. */
  timestamp: number;
  failedReason?: string | undefined;
}

/**
 * Every port a job may use, all required: src/main builds them once per worker process, and
 * tests pass fakes from test/helpers/job-deps.ts (which fail loudly on an unexpected call).
 */
export interface JobDeps {
  slack: SlackPoster;
  /** The authenticated OpenStack project for a cloud name. */
  openstack(cloud: string): OpenStackApi;
  kube: KubeConnector;
  queue: JobQueue;
  access: Access;
  clock: Clock;
  settings: JobSettings;
  /** Every decision and state change of a mutation. */
  audit: AuditLog;
  /** Tracked long operations (create, delete, resize) and reserved cluster names. */
  operations: OperationStore;
  /** Confirmation buttons for destructive or risky requests. */
  confirmations: Pick<Confirmations, 'issueWithClaim'>;
  /** The queue's recent jobs, newest first (for `/kube jobs`). */
  recentJobs(): Promise<QueuedJobView[]>;
  /** Support bundles to the configured ticket sink. */
  tickets: TicketPort;
  /** Owner of each `/kube watch` loop. */
  watches: WatchStore;
  /** Values kept out of buttons (a create's label values behind its pre-flight), by key, with a TTL. */
  held: Pick<WatchStore, 'get' | 'set'>;
}

export interface JobSettings {
  pollIntervalMs: number;
  /** How long a confirmation button stays valid. */
  confirmTtlMs: number;
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
