import { z } from 'zod';
import type { ConfirmationClaim } from '../src/core/confirmation.js';
import { jobIdFor } from '../src/core/job-id.js';
import { renderDecided } from '../src/render/create-preflight.js';
import { mentionUser } from '../src/render/mrkdwn.js';
import { auditAction } from './handler-audit.js';
import { defineAction, type ActionContext, type ActionDefinition } from './definition.js';

const REFUSALS = {
  expired: 'This confirmation has expired: run the command again for a fresh one.',
  already_used: 'This confirmation was already used: each one works once.',
  forgotten:
    'The bot cannot tell whether this confirmation was used (its store was reset after the button was made): run the command again for a fresh one.',
  not_requester: 'Only the person who asked (or an admin) can confirm this.',
  forged: 'This button is not valid.',
  wrong_place: 'This button does not belong here.',
} as const;

/** A confirmation button's value: the signed token the job issued. */
const Token = z.string().min(1).max(2000);

/** What a Confirm click starts: the job's data (beyond its origin), the thread, and the words for audit and message. */
export interface Confirmed {
  data: object;
  threadTs: string;
  /** The audit record's outcome. */
  outcome: string;
  /** Replaces the buttons, after "Confirmed by @user" or the like. */
  decision: string;
}

/**
 * The Confirm and Cancel buttons of one confirmation: the job they start, the request's
 * schema (src/core/requests/), and per Confirm button what the job gets.
 */
export interface ConfirmationFlow<P> {
  /** The job a Confirm starts: the confirmation's action, and the audit action. */
  job: string;
  params: z.ZodType<P>;
  cancel: string;
  confirms: Readonly<Record<string, (params: P, ctx: ActionContext<string>) => Confirmed>>;
  /** The audit target and what was asked, for the decided message. */
  describe(params: P): { target: string; summary: string };
  /** The cancel's audit record names the job the confirmation would have started. */
  cancelLinksJob?: boolean;
}

/** The action definitions of a confirmation: one per Confirm button, and Cancel. */
export function defineConfirmation<P>(flow: ConfirmationFlow<P>): ActionDefinition[] {
  const confirms = Object.entries(flow.confirms).map(([id, confirm]) =>
    defineAction({
      name: flow.job,
      ids: [id],
      role: 'operator',
      value: Token,
      async handle(ctx) {
        const redeemed = await redeem(ctx, flow);
        if (!redeemed) return;
        const { claim, params } = redeemed;
        const jobId = jobIdFor(flow.job, claim.id);
        const { data, threadTs, outcome, decision } = confirm(params, ctx);
        const { target, summary } = flow.describe(params);
        await auditAction(ctx, { action: flow.job, target, decision: 'confirmed', outcome, jobId, threadTs });
        const origin = { cloud: ctx.cloud, teamId: ctx.request.teamId, channel: ctx.request.channelId, user: claim.requester };
        await ctx.queue.enqueue(flow.job, { ...origin, threadTs, ...data }, { jobId });
        await markDecided(ctx, summary, decision);
      },
    }),
  );
  const cancel = defineAction({
    name: flow.job,
    ids: [flow.cancel],
    role: 'operator',
    value: Token,
    async handle(ctx) {
      const redeemed = await redeem(ctx, flow);
      if (!redeemed) return;
      const { target, summary } = flow.describe(redeemed.params);
      const linked = flow.cancelLinksJob
        ? { jobId: jobIdFor(flow.job, redeemed.claim.id), threadTs: ctx.request.threadTs ?? ctx.request.messageTs }
        : {};
      await auditAction(ctx, { action: flow.job, target, decision: 'denied', outcome: 'cancelled by the user', ...linked });
      await markDecided(ctx, summary, `:no_entry_sign: Cancelled by ${mentionUser(ctx.request.userId)}.`);
    },
  });
  return [...confirms, cancel];
}

/**
 * Checks a click on a confirmation: the token is genuine, unexpired, meant for this action and
 * channel, clicked by the requester (or an admin), and unused (consumed here, atomically across
 * processes), and its params are the request's. Answers the clicker when it is not.
 */
async function redeem<P>(ctx: ActionContext<string>, flow: ConfirmationFlow<P>): Promise<{ claim: ConfirmationClaim; params: P } | null> {
  const { request } = ctx;
  const actor = { userId: request.userId, channelId: request.channelId };
  const isAdmin = (await ctx.access.authorize(actor, 'admin', flow.job)).allowed;
  const result = await ctx.confirmations.redeem(ctx.value, { userId: request.userId, isAdmin });
  const params = result.ok ? flow.params.safeParse(result.claim.params) : undefined;
  const refusal: keyof typeof REFUSALS | null = !result.ok
    ? result.reason
    : result.claim.action !== flow.job || result.claim.channelId !== request.channelId
      ? 'wrong_place'
      : params?.success
        ? null
        : 'forged';
  if (refusal !== null || !result.ok || !params?.success) {
    const reason = refusal ?? 'forged';
    ctx.log.info({ action: flow.job, reason, user: request.userId }, 'confirmation refused');
    await auditAction(ctx, { action: flow.job, target: '-', decision: 'denied', outcome: `confirmation ${reason}` });
    await ctx.reply({ text: REFUSALS[reason] });
    return null;
  }
  return { claim: result.claim, params: params.data };
}

/** Replaces the buttons with the decision; a failed edit is only logged (the job runs either way). */
async function markDecided(ctx: ActionContext<unknown>, summary: string, decision: string): Promise<void> {
  try {
    await ctx.messages.update({ channel: ctx.request.channelId, ts: ctx.request.messageTs }, renderDecided(summary, decision));
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not update the confirmation message');
  }
}
