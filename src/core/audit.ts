import { z } from 'zod';
import type { Clock } from './ports.js';
import { ROLES } from './access.js';

/** Every point at which a mutation is decided or changes state. */
export const AUDIT_DECISIONS = ['requested', 'denied', 'confirmed', 'started', 'finished', 'failed'] as const;
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

const MAX_OUTCOME = 500;

/**
 * One audit record: who, where, what, and the outcome. Ids and user-safe text only, never
 * secrets (outcomes come from BotError.userMessage, not from raw upstream bodies).
 */
export const AuditRecord = z.object({
  at: z.string(),
  actor: z.string().min(1),
  channelId: z.string().min(1),
  threadTs: z.string().optional(),
  action: z.string().min(1),
  target: z.string(),
  decision: z.enum(AUDIT_DECISIONS),
  outcome: z.string().max(MAX_OUTCOME).optional(),
  role: z.enum(ROLES).optional(),
  jobId: z.string().optional(),
  cloud: z.string().optional(),
  project: z.string().optional(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export interface AuditFilter {
  channelId?: string;
  threadTs?: string;
  limit: number;
}

/** Append-only record of decisions; `recent` answers newest first. */
export interface AuditLog {
  /**
   * Appends a record. With `once`, an idempotency key (a job's id, run and decision), a second
   * write under the same key is dropped: a job retried after a crash or a stall records its
   * decision once.
   */
  write(record: AuditRecord, once?: string): Promise<void>;
  recent(filter: AuditFilter): Promise<AuditRecord[]>;
}

/** Builds a record stamped with the clock's time; long outcomes are cut to fit. */
export function auditRecord(clock: Clock, fields: Omit<AuditRecord, 'at'>): AuditRecord {
  const outcome = fields.outcome === undefined ? {} : { outcome: truncate(fields.outcome, MAX_OUTCOME) };
  return { at: new Date(clock.now()).toISOString(), ...fields, ...outcome };
}

/** Whether a record passes a filter's channel and thread conditions. */
export function matchesAuditFilter(record: AuditRecord, filter: AuditFilter): boolean {
  if (filter.channelId !== undefined && record.channelId !== filter.channelId) return false;
  if (filter.threadTs !== undefined && record.threadTs !== filter.threadTs) return false;
  return true;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
