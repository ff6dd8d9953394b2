import { z } from 'zod';

import type { RescheduleRequest } from '../core/job.js';

export { rescheduleIn, type RescheduleRequest } from '../core/job.js';

const MAX_RESCHEDULE_MS = 24 * 3600 * 1000;

// Strict on purpose: an ordinary job result that merely has a `rescheduleInMs` field among
// others must not be mistaken for a request to run again.
const RescheduleRequestSchema = z.strictObject({
  rescheduleInMs: z.number().int().min(0).max(MAX_RESCHEDULE_MS),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** The reschedule request a processor returned, or undefined for an ordinary result. */
export function asRescheduleRequest(result: unknown): RescheduleRequest | undefined {
  const parsed = RescheduleRequestSchema.safeParse(result);
  return parsed.success ? parsed.data : undefined;
}
