import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { SimClock } from '../clock.js';
import { applyFault, type FaultPlan } from '../faults.js';
import type { ScenarioName } from '../scenarios.js';
import { addLoadBalancerService, setKubeVersion, setNodeCount } from './cluster-changes.js';
import { createClusterContext, type ClusterContext } from './cluster-context.js';
import { stackSuffix } from './kube-names.js';
import { routeApi, type ServerInfo } from './kube-router.js';
import { KubeHttpError, badRequest, statusBody, unauthorized } from './kube-status.js';
import { KubeStore } from './kube-store.js';
import type { CertAuthority } from './pki.js';
import { buildScenarioWorkloads } from './scenario-workloads.js';

export interface KubeClusterOptions {
  name: string;
  scenario: ScenarioName;
  ca: CertAuthority;
  clock: SimClock;
  nodeCount: number;
  masterCount: number;
  /** Epoch ms; pods and events are dated from here, so start the API at or after CREATE_COMPLETE. */
  createdAt: number;
  kubeVersion: string;
  /** Injected faults (service `kube`), consulted before each request. */
  faults?: FaultPlan;
}

/** A running simulated Kubernetes API of one cluster. */
export interface SimKubeCluster {
  /** `https://127.0.0.1:PORT`. */
  url: string;
  setNodeCount(masters: number, workers: number): void;
  /** The Kubernetes version the API server and the nodes report (after an upgrade). */
  setKubeVersion(version: string): void;
  addLoadBalancerService(namespace: string, name: string): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Starts the cluster's API over TLS on 127.0.0.1 (port 0). Only client certificates signed by
 * `ca` get in (401 otherwise); group `system:masters` may do everything, others get 403.
 */
export async function startKubeCluster(opts: KubeClusterOptions): Promise<SimKubeCluster> {
  const { certPem, keyPem } = await opts.ca.issueServerCert([]);
  const ctx = createClusterContext({
    store: new KubeStore(),
    clusterName: opts.name,
    prefix: `${opts.name}-${stackSuffix(opts.name)}`,
    createdAt: opts.createdAt,
    kubeVersion: opts.kubeVersion,
    masterCount: opts.masterCount,
    nodeCount: opts.nodeCount,
  });
  buildScenarioWorkloads(ctx, opts.scenario);
  const info: ServerInfo = { serverAddress: '', kubeVersion: opts.kubeVersion };
  const server = createServer(
    { key: keyPem, cert: certPem, ca: [opts.ca.certPem], requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      void faultThenServe(opts.faults, ctx, info, opts.clock, req, res);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  info.serverAddress = `127.0.0.1:${port}`;
  let lbSeq = 0;
  return {
    url: `https://127.0.0.1:${port}`,
    setNodeCount: (masters, workers) => setNodeCount(ctx, masters, workers, opts.clock.now()),
    setKubeVersion: (version) => {
      info.kubeVersion = version;
      setKubeVersion(ctx, version);
    },
    addLoadBalancerService: (namespace, name) => {
      lbSeq += 1;
      addLoadBalancerService(ctx, namespace, name, opts.clock.now(), `203.0.113.${10 + lbSeq}`);
    },
    close: () => closeServer(server),
  };
}

async function faultThenServe(
  faults: FaultPlan | undefined,
  ctx: ClusterContext,
  info: ServerInfo,
  clock: SimClock,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
  const action = faults?.take({ service: 'kube', method: req.method ?? 'GET', path }) ?? null;
  if (action?.kind === 'token_expired') {
    // No tokens here (client certificates): the API server answers as for an expired credential.
    send(res, 401, JSON.stringify(statusBody(unauthorized())), 'application/json');
    return;
  }
  const answered = await applyFault(action, req, res, (status, headers, message) => {
    const reason = status === 429 ? 'TooManyRequests' : status === 503 ? 'ServiceUnavailable' : 'InternalError';
    const text = JSON.stringify(statusBody(new KubeHttpError(status, reason, message)));
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  });
  if (!answered) await serve(ctx, info, clock, req, res);
}

async function serve(ctx: ClusterContext, info: ServerInfo, clock: SimClock, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const socket = req.socket as TLSSocket;
    if (!socket.authorized) throw unauthorized();
    const subject = socket.getPeerCertificate().subject as unknown as Record<string, string | string[] | undefined>;
    const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const user = { name: asList(subject['CN'])[0] ?? '', groups: asList(subject['O']) };
    const body = await readBody(req);
    const result = routeApi(ctx, info, {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'https://127.0.0.1'),
      accept: req.headers.accept,
      contentType: req.headers['content-type'],
      body,
      user,
      now: clock.now(),
    });
    if (result.text) send(res, result.status, String(result.body), 'text/plain');
    else send(res, result.status, JSON.stringify(result.body), 'application/json');
  } catch (error) {
    const failure =
      error instanceof KubeHttpError ? error : new KubeHttpError(500, 'InternalError', `Internal error occurred: ${String(error)}`);
    send(res, failure.code, JSON.stringify(statusBody(failure)), 'application/json');
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new KubeHttpError(413, 'RequestEntityTooLarge', 'the request body is too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw badRequest('the request body is not valid JSON');
  }
}

function send(res: ServerResponse, status: number, body: string, contentType: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache, private' });
  res.end(body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
