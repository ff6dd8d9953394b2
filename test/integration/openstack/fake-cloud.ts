/**
 * A local OpenStack on port 0 for client tests, gophercloud style: each test registers the
 * handlers it expects; any other request, or a failed assertion in a handler, is answered
 * 500 and recorded in `unexpected`, which every suite checks after each test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../../src/core/ports.js';

export interface Recorded {
  method: string;
  /** Path with query string, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse) => void;

export const PROJECT_ID = '03d6df59bc7d4f8a9cba0d905a953ee8';
export const ISSUED_AT = '2026-11-21T12:00:00.000000Z';

export class FakeCloud {
  readonly requests: Recorded[] = [];
  readonly unexpected: string[] = [];
  private readonly routes: { method: string; url: string; handler: Handler; times: number }[] = [];
  private tokenCount = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeCloud> {
    const holder: { cloud?: FakeCloud } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        holder.cloud?.dispatch(
          { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() },
          res,
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.cloud = new FakeCloud(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.cloud;
  }

  /** Answers `method url` (path with query) with `handler`, `times` times (default: always). */
  on(method: string, url: string, handler: Handler, times = Infinity): this {
    this.routes.push({ method, url, handler, times });
    return this;
  }

  /** Keystone: issues tokens `token-1`, `token-2`, ... living `lifetimeS`, with this cloud's catalog. */
  keystone(options: { lifetimeS?: number; catalog?: object[]; check?: (body: unknown) => void } = {}): this {
    return this.on('POST', '/identity/v3/auth/tokens', (req, res) => {
      options.check?.(JSON.parse(req.body));
      this.tokenCount += 1;
      const expires = new Date(Date.parse(ISSUED_AT) + (options.lifetimeS ?? 3600) * 1000).toISOString();
      res.setHeader('x-subject-token', `token-${this.tokenCount}`);
      json(res, 201, {
        token: {
          methods: ['password'],
          expires_at: expires,
          issued_at: ISSUED_AT,
          project: { id: PROJECT_ID, name: 'demo', domain: { id: 'default', name: 'Default' } },
          catalog: options.catalog ?? this.catalog(),
        },
      });
    });
  }

  catalog(): object[] {
    const entry = (type: string, url: string) => ({
      type,
      name: type,
      id: type,
      endpoints: [
        { url: `${url}-internal`, interface: 'internal', region: 'RegionOne', region_id: 'RegionOne', id: `${type}-i` },
        { url, interface: 'public', region: 'RegionOne', region_id: 'RegionOne', id: `${type}-p` },
      ],
    });
    return [
      entry('identity', `${this.url}/identity/v3`),
      entry('container-infra', `${this.url}/magnum/v1`),
      entry('orchestration', `${this.url}/heat/v1/${PROJECT_ID}`),
      entry('load-balancer', `${this.url}/octavia`),
      entry('network', `${this.url}/neutron/`),
    ];
  }

  tokenPosts(): number {
    return this.requests.filter((r) => r.method === 'POST' && r.url === '/identity/v3/auth/tokens').length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private dispatch(req: Recorded, res: ServerResponse): void {
    this.requests.push(req);
    const route = this.routes.find((r) => r.times > 0 && r.method === req.method && r.url === req.url);
    if (!route) {
      this.unexpected.push(`${req.method} ${req.url}`);
      json(res, 500, { error: { message: 'unexpected request' } });
      return;
    }
    route.times -= 1;
    try {
      route.handler(req, res);
    } catch (error) {
      // A failed assertion inside a handler: record it so the test's afterEach fails.
      this.unexpected.push(`${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) json(res, 500, { error: { message: 'handler assertion failed' } });
    }
  }
}

/** Sends a JSON body with Magnum-like headers. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-openstack-request-id': `req-${status}-test`, ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A clock that tests move by hand. */
export class ManualClock {
  constructor(public ms: number = Date.parse(ISSUED_AT)) {}
  now(): number {
    return this.ms;
  }
}

/** A Logger that keeps every line, to check that no secret is logged. */
export function recordingLogger(lines: string[] = []): Logger & { lines: string[] } {
  const write = (level: string) => (meta: object, msg: string) => {
    lines.push(`${level} ${msg} ${JSON.stringify(meta)}`);
  };
  const logger = {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: () => logger,
  };
  return logger;
}
