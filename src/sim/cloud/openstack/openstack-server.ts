import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../../core/ports.js';
import { applyFault, handleFaultAdmin, type FaultService } from '../faults.js';
import { tokenRejected } from './auth-guard.js';
import { reconcile } from './cluster-reconcile.js';
import { heatRoutes } from './heat-routes.js';
import { newUuid } from './ids.js';
import { json, readJsonBody, Router, serialiseBody, type Reply, type RouteContext } from './http-router.js';
import { keystoneRoutes, lookupToken } from './keystone-routes.js';
import { magnumRoutes } from './magnum-routes.js';
import { neutronRoutes } from './neutron-routes.js';
import { glanceRoutes } from './glance-routes.js';
import { novaRoutes } from './nova-routes.js';
import { octaviaRoutes } from './octavia-routes.js';
import { cinderRoutes } from './cinder-routes.js';
import { RequestTally } from './request-tally.js';
import type { SimState } from './sim-state.js';

interface Service {
  /** The service's type in the Keystone catalog, as the request tally names it. */
  type: string;
  /** Its name in the fault plan. */
  /** The name faults are injected by; null for a service the bot never calls. */
  name: FaultService | null;
  prefix: RegExp;
  router: Router;
  /** Services behind keystonemiddleware (Magnum checks tokens itself, before microversions). */
  guarded: boolean;
}

function services(state: SimState, logger: Logger): Service[] {
  return [
    { type: 'identity', name: 'keystone', prefix: /^\/identity(?=\/|$)/, router: keystoneRoutes(new Router(), state), guarded: false },
    {
      type: 'container-infra',
      name: 'magnum',
      prefix: /^\/container-infra(?=\/|$)/,
      router: magnumRoutes(new Router(), state, logger),
      guarded: false,
    },
    {
      type: 'orchestration',
      name: 'heat',
      prefix: /^\/orchestration\/v1\/(?<project>[^/]+)(?=\/|$)/,
      router: heatRoutes(new Router(), state),
      guarded: true,
    },
    {
      type: 'load-balancer',
      name: 'octavia',
      prefix: /^\/load-balancer(?=\/|$)/,
      router: octaviaRoutes(new Router(), state),
      guarded: true,
    },
    { type: 'network', name: 'neutron', prefix: /^\/network(?=\/|$)/, router: neutronRoutes(new Router(), state), guarded: true },
    // Cinder only answers quota and limits reads.
    { type: 'volumev3', name: 'cinder', prefix: /^\/volume(?=\/|$)/, router: cinderRoutes(new Router(), state), guarded: true },
    // Nova's version documents answer without a token; its API routes check it themselves.
    { type: 'compute', name: 'nova', prefix: /^\/compute(?=\/|$)/, router: novaRoutes(new Router(), state), guarded: false },
    // Glance only answers image lookups (no fault injection: it is not one of the services the bot calls).
    { type: 'image', name: null, prefix: /^\/image(?=\/|$)/, router: glanceRoutes(new Router(), state), guarded: false },
  ];
}

async function route(all: Service[], state: SimState, tally: RequestTally, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const service = all.find((s) => s.prefix.test(url.pathname));
  if (!service) return json(404, { error: { code: 404, message: 'The resource could not be found.', title: 'Not Found' } });
  const match = service.prefix.exec(url.pathname);
  const path = url.pathname.slice(match?.[0].length ?? 0) || '/';
  const method = req.method ?? 'GET';
  const found = service.router.match(method, path);
  // Counted before the reply is sent, so a client that has its answer also sees it counted.
  tally.record({ service: service.type, method, route: typeof found === 'string' ? null : found.pattern });
  const ctx: RouteContext = {
    method,
    path,
    params: { ...(match?.groups ?? {}) },
    query: url.searchParams,
    headers: req.headers,
    body: await readJsonBody(req),
    origin: `http://${req.headers.host ?? '127.0.0.1'}`,
  };
  if (service.guarded && path !== '/' && !lookupToken(state, req.headers['x-auth-token'])) return tokenRejected(ctx);
  if (found === 'not_found') return json(404, { error: { code: 404, message: 'The resource could not be found.', title: 'Not Found' } });
  if (found === 'method_not_allowed')
    return json(405, { error: { code: 405, message: 'The method is not allowed for the requested URL.', title: 'Method Not Allowed' } });
  Object.assign(ctx.params, found.params);
  return found.handler(ctx);
}

const STATUS_TITLES: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function send(res: ServerResponse, reply: Reply): void {
  const hasBody = reply.body !== undefined && reply.status !== 204;
  const text = hasBody ? serialiseBody(reply.body) : '';
  // Every OpenStack service stamps a request id; clients print it in their errors.
  const headers: Record<string, string> = { 'x-openstack-request-id': `req-${newUuid()}`, ...reply.headers };
  if (hasBody) headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}

/** The one HTTP server behind every simulated OpenStack service, listening on 127.0.0.1, and the tally of what it served. */
export async function startOpenStackServer(
  state: SimState,
  logger: Logger,
  port = 0,
): Promise<{ server: Server; url: string; requests: RequestTally }> {
  const all = services(state, logger);
  const requests = new RequestTally();
  // Serialise the clock-driven side effects so concurrent requests never race them.
  let settled: Promise<void> = Promise.resolve();
  const server = createServer((req, res) => {
    void faultOrServe(req, res).catch((err: unknown) => {
      logger.error({ err, method: req.method, path: req.url?.split('?')[0] }, 'simulated OpenStack fault failed');
      res.destroy();
    });
  });
  // Injected faults (and their admin path) come first: a faulted request never reaches the service.
  const faultOrServe = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (await handleFaultAdmin(state.faults, req, res, () => readJsonBody(req))) return;
    const pathname = new URL(req.url ?? '/', 'http://sim').pathname;
    const service = all.find((s) => s.prefix.test(pathname));
    if (service) {
      const path = pathname.slice(service.prefix.exec(pathname)?.[0].length ?? 0) || '/';
      const action = service.name === null ? null : state.faults.take({ service: service.name, method: req.method ?? 'GET', path });
      const answered = await applyFault(action, req, res, (status, headers, message) =>
        send(res, json(status, { error: { code: status, title: STATUS_TITLES[status] ?? 'Internal Server Error', message } }, headers)),
      );
      if (answered) return;
    }
    serveRequest(req, res);
  };
  const serveRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const run = settled.then(() => reconcile(state, logger));
    settled = run.catch(() => undefined);
    run
      .then(() => route(all, state, requests, req))
      .then((reply) => {
        logger.debug({ method: req.method, path: req.url?.split('?')[0], status: reply.status }, 'simulated OpenStack request');
        send(res, reply);
      })
      .catch((err: unknown) => {
        logger.error({ err, method: req.method, path: req.url?.split('?')[0] }, 'simulated OpenStack request failed');
        if (!res.headersSent) send(res, json(500, { error: { code: 500, message: 'Internal error', title: 'Internal Server Error' } }));
      });
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actualPort}`, requests };
}
