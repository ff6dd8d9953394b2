import type { Server } from 'node:http';
import type { Logger } from '../../core/ports.js';
import type { FaultPlan } from './faults.js';
import { SimClock } from './clock.js';
import { reconcile } from './openstack/cluster-reconcile.js';
import { loadKubeBackend, type KubeBackend } from './openstack/kube-backend.js';
import { REGION } from './openstack/keystone-views.js';
import { startOpenStackServer } from './openstack/openstack-server.js';
import type { RequestTally } from './openstack/request-tally.js';
import { seedState } from './openstack/seed.js';
import { createSimState, type SimState } from './openstack/sim-state.js';

export interface StartSimOptions {
  /** Loopback port; 0 (default) picks a free one. */
  port?: number;
  /** Clock speed when no clock is given: 0 = moves only by `advance` (default), 60 = a minute per second. */
  speed?: number;
  clock?: SimClock;
  /** Two templates and one cluster per scenario (default true, as `npm run sim` and the demo use). */
  seed?: boolean;
  tokenTtlSeconds?: number;
  logger?: Logger;
  /** The Kubernetes side; defaults to `src/sim/cloud/kube/`. Tests may pass a stand-in. */
  kube?: KubeBackend;
}

export interface Sim {
  url: string;
  /** `<url>/identity/v3`, what OS_AUTH_URL should say. */
  authUrl: string;
  clock: SimClock;
  /** OS_* variables for the real `openstack` CLI (password auth as user demo). */
  osEnv: Record<string, string>;
  appCredential: { id: string; secret: string };
  state: SimState;
  /** Every request served so far, by service, method and route pattern (faulted requests are not served). */
  requests: RequestTally;
  /** Injects faults into any service or the Kubernetes API servers (also over HTTP at `/__sim/faults`). */
  faults: FaultPlan;
  close(): Promise<void>;
}

const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** Starts the simulated OpenStack cloud (Keystone, Magnum, Heat, Octavia, Neutron) on one port. */
export async function startSim(options: StartSimOptions = {}): Promise<Sim> {
  const clock = options.clock ?? new SimClock(options.speed ?? 0);
  const logger = options.logger ?? silentLogger;
  const kube = options.kube ?? (await loadKubeBackend());
  const state = createSimState(clock, kube, options.tokenTtlSeconds ?? 3600);
  if (options.seed ?? true) seedState(state);
  await reconcile(state, logger);
  const { server, url, requests } = await startOpenStackServer(state, logger, options.port ?? 0);
  const user = state.users[0];
  const project = state.projects[0];
  const cred = state.appCredentials[0];
  const authUrl = `${url}/identity/v3`;
  return {
    url,
    authUrl,
    clock,
    osEnv: {
      OS_AUTH_URL: authUrl,
      OS_USERNAME: user?.name ?? '',
      OS_PASSWORD: user?.password ?? '',
      OS_PROJECT_NAME: project?.name ?? '',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
      OS_REGION_NAME: REGION,
      OS_INTERFACE: 'public',
      OS_IDENTITY_API_VERSION: '3',
    },
    appCredential: { id: cred?.id ?? '', secret: cred?.secret ?? '' },
    state,
    requests,
    faults: state.faults,
    close: () => closeAll(server, state),
  };
}

async function closeAll(server: Server, state: SimState): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await Promise.all(state.clusters.map((c) => c.kubeStarting));
  const kubes = state.clusters.map((c) => c.kube).filter((k) => k !== null);
  for (const c of state.clusters) c.kube = null;
  await Promise.all(kubes.map((k) => k.close()));
}
