import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ticketJson, uploadJson, ZendeskState, type ZdTicket } from './zendesk-state.js';

export interface ZendeskStandInOptions {
  email: string;
  apiToken: string;
  port?: number;
  now?: () => number;
}

/** A failure to inject: the next `times` requests matching `route` (e.g. `POST /api/v2/tickets`). */
export interface InjectedFailure {
  route: string;
  times: number;
  /** HTTP status to answer, or `drop` to do the work and then cut the connection (a lost answer). */
  status: number | 'drop';
  retryAfterSeconds?: number;
}

export interface ZendeskRequest {
  method: string;
  path: string;
  body: string;
  status: number | 'drop';
}

export interface ZendeskStandIn {
  /** Account base URL, as `ZENDESK_URL` takes it. */
  url: string;
  state: ZendeskState;
  requests: ZendeskRequest[];
  fail(failure: InjectedFailure): void;
  /** Closes a ticket (closed tickets refuse comments with 422, as Zendesk does). */
  closeTicket(id: number): void;
  close(): Promise<void>;
}

const CommentIn = z.object({ body: z.string().min(1), public: z.boolean().optional(), uploads: z.array(z.string()).optional() });
const CreateIn = z.object({
  ticket: z.object({
    subject: z.string().optional(),
    comment: CommentIn,
    external_id: z.string().optional(),
    tags: z.array(z.string()).optional(),
  }),
});
const UpdateIn = z.object({ ticket: z.object({ comment: CommentIn.optional(), status: z.string().optional() }) });

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * A stand-in for the Zendesk Support API v2 subset the ticket sink uses: uploads, ticket
 * create (with Idempotency-Key), list by `external_id`, comment by update, show. Checks
 * API-token basic auth (`{email}/token:{api_token}`), speaks Zendesk's error shapes, records
 * every request and can fail on demand.
 */
export async function startZendeskStandIn(options: ZendeskStandInOptions): Promise<ZendeskStandIn> {
  const state = new ZendeskState(options.now ?? Date.now);
  const requests: ZendeskRequest[] = [];
  const failures: InjectedFailure[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${options.email}/token:${options.apiToken}`).toString('base64')}`;
  let base = '';

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const path = url.pathname.replace(/\.json$/, '');
      const method = req.method ?? 'GET';
      const route = `${method} ${path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
      const failure = failures.find((f) => f.times > 0 && f.route === route);
      if (failure) failure.times--;
      requests.push({ method, path: `${url.pathname}${url.search}`, body, status: failure?.status ?? 0 });
      const record = requests[requests.length - 1] as ZendeskRequest;
      if (failure && failure.status !== 'drop') {
        record.status = failure.status;
        const headers: Record<string, string> =
          failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) };
        return reply(res, {
          status: failure.status,
          body: { error: failure.status === 429 ? 'TooManyRequests' : 'InternalError' },
          headers,
        });
      }
      if (req.headers.authorization !== expectedAuth) {
        record.status = 401;
        return reply(res, { status: 401, body: { error: "Couldn't authenticate you" } });
      }
      const answer = handle(method, path, url, body, req.headers['idempotency-key']);
      if (failure?.status === 'drop') return res.destroy();
      record.status = answer.status;
      return reply(res, answer);
    });
  });

  function handle(method: string, path: string, url: URL, body: string, idempotencyKey: string | string[] | undefined): Answer {
    if (method === 'POST' && path === '/api/v2/uploads') {
      const filename = url.searchParams.get('filename');
      if (!filename) return invalid('filename is required');
      return { status: 201, body: uploadJson(base, state.addUpload(filename, body)) };
    }
    if (method === 'GET' && path === '/api/v2/tickets') {
      const externalId = url.searchParams.get('external_id');
      const tickets = state.tickets.filter((t) => externalId === null || t.externalId === externalId);
      return {
        status: 200,
        body: { tickets: tickets.map((t) => ticketJson(base, t)), next_page: null, previous_page: null, count: tickets.length },
      };
    }
    if (method === 'POST' && path === '/api/v2/tickets') return withIdempotency(idempotencyKey, body, () => createTicket(body));
    const match = /^\/api\/v2\/tickets\/(\d+)$/.exec(path);
    const ticket = match ? state.find(Number(match[1])) : undefined;
    if (match && !ticket) return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
    if (ticket && method === 'GET') return { status: 200, body: { ticket: ticketJson(base, ticket) } };
    if (ticket && method === 'PUT') return updateTicket(ticket, body);
    return { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } };
  }

  function createTicket(body: string): Answer {
    const parsed = CreateIn.safeParse(safeJson(body));
    if (!parsed.success) return invalid('comment is required');
    const { ticket } = parsed.data;
    const attachments = state.takeUploads(ticket.comment.uploads ?? []);
    if (!attachments) return invalid('uploads: token is invalid');
    const created = state.addTicket({
      subject: ticket.subject ?? ticket.comment.body.slice(0, 80),
      externalId: ticket.external_id ?? null,
      tags: ticket.tags ?? [],
      comment: { body: ticket.comment.body, public: ticket.comment.public ?? true, attachments },
    });
    return { status: 201, body: { ticket: ticketJson(base, created) } };
  }

  function updateTicket(ticket: ZdTicket, body: string): Answer {
    if (ticket.status === 'closed') return invalid('Status: closed prevents ticket update');
    const parsed = UpdateIn.safeParse(safeJson(body));
    if (!parsed.success) return invalid('ticket is required');
    const comment = parsed.data.ticket.comment;
    if (comment) {
      const attachments = state.takeUploads(comment.uploads ?? []);
      if (!attachments) return invalid('uploads: token is invalid');
      state.addComment(ticket, { body: comment.body, public: comment.public ?? true, attachments });
    }
    return { status: 200, body: { ticket: ticketJson(base, ticket), audit: { ticket_id: ticket.id } } };
  }

  function withIdempotency(key: string | string[] | undefined, body: string, run: () => Answer): Answer {
    if (typeof key !== 'string') return run();
    const fingerprint = createHash('sha256').update(body).digest('hex');
    const seen = state.idempotency.get(key);
    if (seen && seen.fingerprint !== fingerprint) {
      return { status: 400, body: { error: 'IdempotentRequestError', description: 'Idempotency key reused with a different payload' } };
    }
    if (seen) return { status: seen.status, body: seen.body, headers: { 'x-idempotency-lookup': 'hit' } };
    const answer = run();
    if (answer.status < 500) state.idempotency.set(key, { fingerprint, status: answer.status, body: answer.body });
    return { ...answer, headers: { ...answer.headers, 'x-idempotency-lookup': 'miss' } };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    state,
    requests,
    fail: (failure) => failures.push({ ...failure }),
    closeTicket: (id) => {
      const t = state.find(id);
      if (t) t.status = 'closed';
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function invalid(message: string): Answer {
  return {
    status: 422,
    body: { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: message }] } },
  };
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...answer.headers,
  });
  res.end(body);
}
