import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiverOptions {
  /** Shared HMAC secret. */
  secret: string;
  /** Answer this many requests with `failStatus` before accepting. */
  failTimes?: number;
  failStatus?: number;
  /** Seconds for a Retry-After header on failures. */
  retryAfterSeconds?: number;
  /** Answer every request with a 302 to this URL. */
  redirectTo?: string;
  /** Refuse deliveries whose timestamp is further than this from `now` (replay protection). */
  maxSkewSeconds?: number;
  now?: () => number;
  port?: number;
}

/** Every HTTP request that reached the receiver, accepted or not. */
export interface WebhookRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** An accepted, signature-verified delivery. */
export interface WebhookDelivery {
  idempotencyKey: string;
  deliveryId: string;
  timestamp: string;
  ticketId: string;
  json: unknown;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  requests: WebhookRequest[];
  deliveries: WebhookDelivery[];
  close(): Promise<void>;
}

/**
 * A stand-in ticket receiver: verifies `X-KubeChatops-Signature` (HMAC-SHA256 of
 * `timestamp.body`), opens one ticket per Idempotency-Key (later deliveries append to it),
 * and can fail or redirect on demand. Records everything for tests and the demo.
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const requests: WebhookRequest[] = [];
  const deliveries: WebhookDelivery[] = [];
  const tickets = new Map<string, string>();
  let failuresLeft = options.failTimes ?? 0;

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers = flatHeaders(req);
      const answer = (status: number, json: unknown, extra: Record<string, string> = {}) => {
        requests.push({ method: req.method ?? '', path: req.url ?? '', headers, body, status });
        send(res, status, json, extra);
      };
      if (options.redirectTo) return answer(302, { error: 'moved' }, { location: options.redirectTo });
      if (req.method !== 'POST') return answer(405, { error: 'method not allowed' });
      if (failuresLeft > 0) {
        failuresLeft--;
        const extra: Record<string, string> =
          options.retryAfterSeconds === undefined ? {} : { 'retry-after': String(options.retryAfterSeconds) };
        return answer(options.failStatus ?? 500, { error: 'receiver unavailable' }, extra);
      }
      const timestamp = headers['x-kubechatops-timestamp'] ?? '';
      const signature = headers['x-kubechatops-signature'] ?? '';
      if (!verify(options.secret, timestamp, body, signature)) return answer(401, { error: 'bad signature' });
      const skew = Math.abs((options.now ?? Date.now)() / 1000 - Number(timestamp));
      if (skew > (options.maxSkewSeconds ?? 300)) return answer(401, { error: 'stale timestamp' });
      const key = headers['idempotency-key'] ?? '';
      const ticketId = tickets.get(key) ?? `WH-${tickets.size + 1}`;
      tickets.set(key, ticketId);
      deliveries.push({
        idempotencyKey: key,
        deliveryId: headers['x-kubechatops-delivery'] ?? '',
        timestamp,
        ticketId,
        json: JSON.parse(body),
        body,
      });
      return answer(200, { ticket: { id: ticketId, url: `https://tickets.example.test/${ticketId}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/kube-chatops`,
    requests,
    deliveries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Whether `signature` is `sha256=` + HMAC-SHA256(secret, `${timestamp}.${body}`), compared in constant time. */
export function verify(secret: string, timestamp: string, body: string, signature: string): boolean {
  if (!/^\d+$/.test(timestamp)) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(res: ServerResponse, status: number, json: unknown, extra: Record<string, string>): void {
  const body = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}
