import type { AuditDecision, AuditRecord } from '../core/audit.js';

/** One job as `/kube jobs` shows it: what, on what, who asked, and where it stands. */
export interface AuditJobSummary {
  jobId: string;
  action: string;
  target: string;
  /** Who asked: the actor of the `requested` record, else of the oldest record seen. */
  requester: string;
  state: AuditDecision;
  /** Time of the latest record (ISO). */
  at: string;
  /** Time of the `requested` record, when it is within the records given (ISO). */
  requestedAt?: string;
  outcome?: string;
  threadTs?: string;
  cloud?: string;
}

/** Folds audit records (newest first, as AuditLog.recent returns them) into one line per job, newest first. */
export function summarizeAuditJobs(records: readonly AuditRecord[]): AuditJobSummary[] {
  const byJob = new Map<string, AuditJobSummary>();
  for (const record of records) {
    if (record.jobId === undefined) continue;
    const seen = byJob.get(record.jobId);
    if (!seen) {
      byJob.set(record.jobId, {
        jobId: record.jobId,
        action: record.action,
        target: record.target,
        requester: record.actor,
        state: record.decision,
        at: record.at,
        ...(record.decision === 'requested' ? { requestedAt: record.at } : {}),
        ...(record.outcome === undefined ? {} : { outcome: record.outcome }),
        ...(record.threadTs === undefined ? {} : { threadTs: record.threadTs }),
        ...(record.cloud === undefined ? {} : { cloud: record.cloud }),
      });
      continue;
    }
    // Older records only fill in who asked and when; the state stays the newest one.
    if (seen.requestedAt !== undefined) continue;
    seen.requester = record.actor;
    if (record.decision === 'requested') seen.requestedAt = record.at;
    seen.threadTs ??= record.threadTs;
    seen.cloud ??= record.cloud;
  }
  return [...byJob.values()];
}
