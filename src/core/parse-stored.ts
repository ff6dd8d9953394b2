import type { z } from 'zod';

/**
 * A JSON value read back from a store (Redis, a job's held values) checked against its schema:
 * undefined when it is missing, is not JSON, or no longer has that shape (written by another
 * version, or damaged). Callers decide what a missing value means; nothing here throws.
 */
export function parseStored<S extends z.ZodType>(schema: S, raw: string | null | undefined): z.output<S> | undefined {
  if (raw === null || raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
