import { z } from 'zod';
import type { Message } from '../src/core/ports.js';
import type { JobContext } from './definition.js';

/** Where a job came from and where it answers; `threadTs` is set once the thread exists. */
export const Origin = z.object({
  cloud: z.string().min(1),
  teamId: z.string().min(1),
  channel: z.string().min(1),
  user: z.string().min(1),
  threadTs: z.string().optional(),
});
export type Origin = z.infer<typeof Origin>;

/**
 * Starts the job's thread once: the root's ts is saved in the job data before anything
 * else, so a retried job posts into the same thread instead of starting another.
 */
export async function ensureThread<D extends Origin>(data: D, ctx: JobContext, root: () => Message): Promise<string> {
  if (data.threadTs) return data.threadTs;
  const ref = await ctx.slack.post(data.channel, root());
  data.threadTs = ref.ts;
  await ctx.runtime.updateData(data);
  return ref.ts;
}
