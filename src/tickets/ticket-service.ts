import type { Clock, Logger, SlackPoster } from '../core/ports.js';
import type { AuditLog } from '../core/audit.js';
import { attachTicket } from './attach-ticket.js';
import { buildBundle } from './bundle.js';
import { ticketLinkButton } from './ticket-message.js';
import type { HistoryEntry, TicketSink, TicketStore } from './types.js';
import type { TicketPort } from '../core/ticket-port.js';

/** A job the queue knows, as far as the history needs it. */
export interface KnownJob {
  id: string;
  name: string;
  state: string;
  data: unknown;
  timestamp: number;
}

export interface TicketServiceDeps {
  sink: TicketSink;
  store: TicketStore;
  slack: SlackPoster;
  clock: Clock;
  logger: Logger;
  /** The thread's history comes from the audit log when there is one... */
  audit?: AuditLog;
  /** ...and from the jobs the queue still knows for the thread. */
  jobs?: () => Promise<KnownJob[]>;
}

const HISTORY_LIMIT = 100;

/** The thread's job history, oldest first: audit records, then queue jobs the audit does not cover. */
export async function threadHistory(
  deps: Pick<TicketServiceDeps, 'audit' | 'jobs' | 'logger'>,
  channel: string,
  threadTs: string,
): Promise<HistoryEntry[]> {
  const entries: (HistoryEntry & { jobId?: string })[] = [];
  try {
    const records = (await deps.audit?.recent({ channelId: channel, threadTs, limit: HISTORY_LIMIT })) ?? [];
    for (const r of records) {
      entries.push({
        at: r.at,
        actor: r.actor,
        action: `${r.action} ${r.target}`.trim(),
        decision: r.decision,
        ...(r.outcome ? { outcome: r.outcome } : {}),
        ...(r.jobId ? { jobId: r.jobId } : {}),
      });
    }
    const audited = new Set(entries.map((e) => e.jobId).filter((id) => id !== undefined));
    for (const job of (await deps.jobs?.()) ?? []) {
      const data = (job.data ?? {}) as { channel?: unknown; threadTs?: unknown; user?: unknown; cluster?: unknown };
      if (data.channel !== channel || data.threadTs !== threadTs || audited.has(job.id)) continue;
      const target = typeof data.cluster === 'string' ? ` ${data.cluster}` : '';
      entries.push({
        at: new Date(job.timestamp).toISOString(),
        actor: typeof data.user === 'string' ? data.user : 'unknown',
        action: `${job.name}${target}`,
        decision: 'requested',
        outcome: job.state,
      });
    }
  } catch (error) {
    deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'thread history not read');
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map(({ jobId: _jobId, ...e }) => e);
}

/** The TicketPort jobs use: builds the redacted bundle, attaches it, and gives the link button. */
export function createTicketService(deps: TicketServiceDeps): TicketPort {
  return {
    async attach(request) {
      const history = await threadHistory(deps, request.channel, request.threadTs);
      const bundle = buildBundle({
        cluster: request.cluster,
        clusterName: request.clusterName,
        showDump: request.showDump,
        template: request.template,
        findings: request.findings,
        diagnosedAt: request.diagnosedAt,
        failedHeatResources: request.failedHeatResources,
        warningEvents: request.warningEvents,
        history,
        generatedAt: deps.clock.now(),
        requester: request.requester,
      });
      const result = await attachTicket(
        { sink: deps.sink, slack: deps.slack, store: deps.store, logger: deps.logger, clock: deps.clock },
        {
          channel: request.channel,
          threadTs: request.threadTs,
          bundle,
          owner: request.owner,
          sourceKey: request.sourceKey,
          noteKey: request.noteKey,
        },
      );
      const ref = result.ref;
      return {
        ref: ref ? { display: ref.display, ...(ref.url ? { url: ref.url } : {}) } : null,
        fellBack: result.fellBack,
        duplicate: result.duplicate,
        linkButton: ref ? ticketLinkButton(ref) : null,
      };
    },
  };
}
