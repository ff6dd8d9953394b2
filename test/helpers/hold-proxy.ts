/**
 * An HTTP proxy in front of a stand-in (Slack's Web API, a ticket webhook) that forwards
 * everything, but can hold one request: at phase `request` it is never forwarded; at phase
 * `response` it is forwarded and done, and its answer is dropped. Either way `onHeld` runs
 * first, synchronously: the kill tests SIGKILL the worker there, so the worker never learns
 * what became of its request.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldRule {
  method: string;
  /** Matches the request's path (with its query). */
  path: RegExp;
  /** Matches the request's body (a Slack post's text, for instance). */
  body?: RegExp;
  phase: 'request' | 'response';
}

export interface HoldProxy {
  url: string;
  /** Holds the first request that matches `rule` from now on (one rule at a time). */
  holdOnce(rule: HoldRule, onHeld: () => void): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The body as text; a form-encoded one (Slack's Web API client) decoded. */
function decoded(body: Buffer): string {
  const text = body.toString('utf8');
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Starts the proxy on 127.0.0.1:0 in front of `target` (a base URL; its path is kept). */
export async function startHoldProxy(target: string): Promise<HoldProxy> {
  const upstream = new URL(target);
  let armed: { rule: HoldRule; onHeld: () => void } | null = null;
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const rule = armed?.rule;
      const matches =
        rule !== undefined &&
        rule.method === req.method &&
        rule.path.test(req.url ?? '') &&
        (rule.body === undefined || rule.body.test(decoded(body)));
      const held = matches ? armed : null;
      if (held) armed = null;
      if (held?.rule.phase === 'request') {
        held.onHeld();
        return;
      }
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          if (held) {
            answer.resume();
            held.onHeld();
            res.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    holdOnce(rule, onHeld) {
      armed = { rule, onHeld };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
