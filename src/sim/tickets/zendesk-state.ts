import { createHash } from 'node:crypto';

/** What the Zendesk stand-in keeps, in the shapes tests read. */
export interface ZdUpload {
  token: string;
  attachmentId: number;
  filename: string;
  content: string;
}

export interface ZdComment {
  id: number;
  body: string;
  public: boolean;
  attachments: ZdUpload[];
}

export interface ZdTicket {
  id: number;
  subject: string;
  externalId: string | null;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  tags: string[];
  comments: ZdComment[];
  createdAt: string;
}

/** The stand-in's records: uploads, tickets and idempotency keys (Zendesk keeps those 2 hours). */
export class ZendeskState {
  readonly uploads = new Map<string, ZdUpload>();
  readonly tickets: ZdTicket[] = [];
  readonly idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  private nextId = 1;

  constructor(private readonly now: () => number) {}

  addUpload(filename: string, content: string): ZdUpload {
    const id = this.nextId++;
    const token = createHash('sha256').update(`upload-${id}-${filename}`).digest('hex').slice(0, 24);
    const upload = { token, attachmentId: 10_000 + id, filename, content };
    this.uploads.set(token, upload);
    return upload;
  }

  /** Resolves upload tokens; null when one is unknown (Zendesk answers 422). */
  takeUploads(tokens: string[]): ZdUpload[] | null {
    const found = tokens.map((t) => this.uploads.get(t));
    if (found.some((u) => u === undefined)) return null;
    return found as ZdUpload[];
  }

  addTicket(t: { subject: string; externalId: string | null; tags: string[]; comment: Omit<ZdComment, 'id'> }): ZdTicket {
    const ticket: ZdTicket = {
      id: 35_000 + this.nextId++,
      subject: t.subject,
      externalId: t.externalId,
      status: 'new',
      tags: t.tags,
      comments: [{ id: this.nextId++, ...t.comment }],
      createdAt: new Date(this.now()).toISOString(),
    };
    this.tickets.push(ticket);
    return ticket;
  }

  addComment(ticket: ZdTicket, comment: Omit<ZdComment, 'id'>): ZdComment {
    const added = { id: this.nextId++, ...comment };
    ticket.comments.push(added);
    if (ticket.status === 'new') ticket.status = 'open';
    return added;
  }

  find(id: number): ZdTicket | undefined {
    return this.tickets.find((t) => t.id === id);
  }
}

/** A ticket as the API v2 JSON shows it. */
export function ticketJson(base: string, t: ZdTicket): Record<string, unknown> {
  return {
    url: `${base}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: t.externalId,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.comments[0]?.body ?? '',
    status: t.status,
    tags: t.tags,
    created_at: t.createdAt,
    updated_at: t.createdAt,
  };
}

/** An upload answer as `POST /api/v2/uploads` returns it. */
export function uploadJson(base: string, u: ZdUpload): Record<string, unknown> {
  const attachment = {
    id: u.attachmentId,
    file_name: u.filename,
    content_type: 'text/plain',
    content_url: `${base}/attachments/token/${u.token}/?name=${encodeURIComponent(u.filename)}`,
    size: Buffer.byteLength(u.content),
    inline: false,
    deleted: false,
  };
  return { upload: { token: u.token, expires_at: null, attachment, attachments: [attachment] } };
}
