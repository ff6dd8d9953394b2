import type { IncomingMessage, ServerResponse } from 'node:http';

/** Form fields Slack's clients send as JSON strings. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata', 'user_ids']);

/** Reads the whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function decodeJsonField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Parses a Web API body the way Slack accepts it: form-encoded or JSON. */
export function parseApiBody(contentType: string | undefined, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text === '') return {};
  if ((contentType ?? '').startsWith('application/json')) {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) fields[key] = decodeJsonField(key, value);
  return fields;
}

/**
 * The bytes of an upload: the first part of a multipart/form-data body (what the SDK sends),
 * or the raw body (what curl and Slack's docs show).
 */
export function uploadContent(contentType: string | undefined, raw: Buffer): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!(contentType ?? '').startsWith('multipart/form-data') || boundary === null) return raw;
  const delimiter = `--${boundary[1] ?? boundary[2] ?? ''}`;
  const body = raw.toString('latin1');
  const start = body.indexOf(delimiter);
  if (start < 0) return raw;
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(`\r\n${delimiter}`, headersEnd);
  if (headersEnd < 0 || end < 0) return raw;
  return Buffer.from(body.slice(headersEnd + 4, end), 'latin1');
}

/** Sends a JSON answer the way Slack does (HTTP 200 unless told otherwise). */
export function sendJson(res: ServerResponse, body: object, status = 200, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** A bearer token from the Authorization header, else the `token` form field. */
export function tokenOf(req: IncomingMessage, body: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (header !== undefined && header.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return typeof body['token'] === 'string' ? body['token'] : undefined;
}
