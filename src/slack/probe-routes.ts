import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../core/ports.js';

export interface ProbeOptions {
  /** True while the app is started and not stopping, and its dependencies are ready. */
  ready: () => Promise<boolean>;
  metrics?: () => Promise<{ contentType: string; body: string }>;
  logger: Logger;
}

export type ProbeHandler = (req: IncomingMessage, res: ServerResponse) => void;

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * GET handlers for the probes. `/healthz` checks nothing but the event loop (a dependency
 * check there turns a Redis outage into a restart storm); `/readyz` asks `ready()`.
 */
export function probeHandlers(options: ProbeOptions): Record<string, ProbeHandler> {
  const handlers: Record<string, ProbeHandler> = {
    '/healthz': (_req, res) => send(res, 200, 'text/plain', 'ok\n'),
    '/readyz': (_req, res) => {
      options.ready().then(
        (ready) => send(res, ready ? 200 : 503, 'text/plain', ready ? 'ready\n' : 'not ready\n'),
        (error: unknown) => {
          options.logger.warn({ err: error }, 'readiness check failed');
          send(res, 503, 'text/plain', 'not ready\n');
        },
      );
    },
  };
  const metrics = options.metrics;
  if (metrics !== undefined) {
    handlers['/metrics'] = (_req, res) => {
      metrics().then(
        (m) => send(res, 200, m.contentType, m.body),
        (error: unknown) => {
          options.logger.error({ err: error }, 'metrics collection failed');
          send(res, 500, 'text/plain', 'metrics unavailable\n');
        },
      );
    };
  }
  return handlers;
}

/** A plain HTTP server for the probes (Socket Mode has no HTTP endpoint of its own). */
export function createProbeServer(handlers: Record<string, ProbeHandler>): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = handlers[path];
    if (handler === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      send(res, 404, 'text/plain', 'not found\n');
      return;
    }
    handler(req, res);
  });
}

/**
 * /healthz, /readyz and /metrics on their own port, for processes without the Slack app
 * (ROLE=worker). Port 0 picks a free one.
 */
export async function startProbeServer(options: ProbeOptions & { port: number }): Promise<{ port: number; stop(): Promise<void> }> {
  const server = createProbeServer(probeHandlers(options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // A scraper's kept-alive connection would hold close() open until it times out.
        server.closeIdleConnections();
      }),
  };
}
