import { z } from 'zod';
import { postKey } from '../src/core/job.js';
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
 * Starts the job's thread once. The root is a keyed post: the outbox records its intent before
 * the call and its ts after, so a job killed between the post and saving the ts in its data finds
 * the same root on its retry (looked up in Slack when the answer was lost) instead of posting a
 * second one; the ts is then saved in the job data before anything else.
 */
export async function ensureThread<D extends Origin>(data: D, ctx: JobContext, root: () => Message): Promise<string> {
  if (data.threadTs) return data.threadTs;
  const ref = await ctx.slack.post(data.channel, root(), undefined, { key: postKey(ctx.runtime, 'thread') });
  data.threadTs = ref.ts;
  await ctx.runtime.updateData(data);
  return ref.ts;
}
