import { z } from 'zod';
import type { ConfirmationClaim, ConfirmationRequest } from '../src/core/confirmation.js';
import { postKey } from '../src/core/job.js';
import { parseStored } from '../src/core/parse-stored.js';
import type { JobContext } from './definition.js';

const Kept = z.object({ token: z.string(), claim: z.object({ id: z.string(), expiresAt: z.number() }).passthrough() });

/**
 * A preview's confirmation, issued once per job: the token and its claim are kept (`held`) until
 * they expire, so an attempt run again after a kill or a late Slack answer has the same button,
 * and `key` (the claim's) makes the preview a keyed post that attempt finds. Issued anew per
 * attempt, the retry's preview (or the audit record under its claim) named a claim that no
 * button in the thread carried.
 */
export async function issueOnce(
  ctx: Pick<JobContext, 'confirmations' | 'held' | 'runtime' | 'clock'>,
  request: ConfirmationRequest,
): Promise<{ token: string; claim: ConfirmationClaim; key: string }> {
  const ref = `confirmation:${postKey(ctx.runtime, 'preview')}`;
  const kept = parseStored(Kept, await ctx.held.get(ref));
  if (kept !== undefined && kept.claim.expiresAt > ctx.clock.now()) {
    const claim = kept.claim as unknown as ConfirmationClaim;
    return { token: kept.token, claim, key: postKey(ctx.runtime, `preview-${claim.id}`) };
  }
  const issued = ctx.confirmations.issueWithClaim(request);
  await ctx.held.set(ref, JSON.stringify(issued), request.ttlMs);
  return { ...issued, key: postKey(ctx.runtime, `preview-${issued.claim.id}`) };
}
