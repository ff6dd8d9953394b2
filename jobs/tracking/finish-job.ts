import { z } from 'zod';
import { jobIdFor } from '../../src/core/job-id.js';
import type { JobToEnqueue } from '../../src/core/ports.js';
import { defineJob } from '../definition.js';
import { finalizeOperation } from './finalize.js';
import { TrackedOperation } from './operation.js';

export const FINISH_JOB = 'operation-finish';

/** The operation as the poll last saw it, and the status that ended it. */
const FinishData = TrackedOperation.extend({ status: z.string().min(1) });

/**
 * Ends one tracked operation the poll found at a terminal status: the anchor's last edit, the
 * result in the thread, the audit record, the follow-ups or the diagnosis. A job of its own, so
 * a poll that finds hundreds ended at once hands them over in one bulk add and never waits on
 * Slack; a retry or a second worker posts the result once (keyed posts, one job per operation).
 * The job data carries the operation's channel, requester and thread, so a finish that fails
 * for good is told in that thread.
 */
export const operationFinish = defineJob({
  name: FINISH_JOB,
  data: FinishData,
  async process(data, ctx) {
    const { status, ...op } = data;
    await finalizeOperation(op, status, ctx);
    return { finished: status };
  },
});

/** The finish job of an operation (one per operation: a poll that runs twice adds it once). */
export function finishJob(op: TrackedOperation, status: string): JobToEnqueue {
  return { name: FINISH_JOB, data: { ...op, status }, options: { jobId: jobIdFor(FINISH_JOB, op.id) } };
}
