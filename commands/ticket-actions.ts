import { z } from 'zod';
import { jobIdFor } from '../src/core/job-id.js';
import { TICKET_ACTION_ID, TICKET_JOB, parseTicketButtonValue } from '../src/core/requests/ticket-request.js';
import { defineAction } from './definition.js';

const TicketValue = z
  .string()
  .max(400)
  .transform((value, ctx) => parseTicketButtonValue(value) ?? (ctx.addIssue({ code: 'custom', message: 'not a ticket button' }), z.NEVER));

/**
 * The "Attach to support ticket" button (on show, diagnose and watch messages): enqueues the
 * ticket-attach job for the button's thread. One job per click (the trigger id), so a Slack
 * retry of the same click enqueues once; the ticket module's per-thread lock and stored ticket
 * keep two clicks from opening two tickets.
 */
const attachTicket = defineAction({
  name: TICKET_JOB,
  ids: [TICKET_ACTION_ID],
  role: 'viewer',
  value: TicketValue,
  async handle(ctx) {
    const { request } = ctx;
    const threadTs = request.threadTs ?? request.messageTs;
    const data = {
      cloud: ctx.cloud,
      teamId: request.teamId,
      channel: request.channelId,
      user: request.userId,
      threadTs,
      messageTs: request.messageTs,
      ...ctx.value,
    };
    const jobId = jobIdFor(TICKET_JOB, request.channelId, threadTs, request.triggerId);
    const { created } = await ctx.queue.enqueue(TICKET_JOB, data, { jobId });
    ctx.log.info({ jobId, created }, 'ticket attach enqueued');
    await ctx.reply({ text: ':hourglass_flowing_sand: Building the support bundle; the ticket reference will appear in this thread.' });
  },
});

export const ticketActions = [attachTicket];
