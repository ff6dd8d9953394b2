import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeApi } from '../../../src/core/ports.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { generateKeyAndCsr } from '../../../src/kube/csr.js';
import { createKubeApi, type KubeApiOptions } from '../../../src/kube/kube-api.js';
import { buildKubeConfig } from '../../../src/kube/kubeconfig.js';
import { SimClock, startKubeCluster, type CertAuthority, type ScenarioName, type SimKubeCluster } from '../../../src/sim/index.js';

export const MIN = 60_000;
export const CREATED_AT = Date.parse('2026-05-02T09:00:00Z');

/** A cluster created at CREATED_AT, its API read 40 minutes later. */
export async function startScenario(
  ca: CertAuthority,
  scenario: ScenarioName,
  nodeCount = 2,
): Promise<{ cluster: SimKubeCluster; clock: SimClock }> {
  const clock = new SimClock(0, CREATED_AT);
  clock.advance(40 * MIN);
  const cluster = await startKubeCluster({
    name: 'demo',
    scenario,
    ca,
    clock,
    nodeCount,
    masterCount: 1,
    createdAt: CREATED_AT,
    kubeVersion: 'v1.27.4',
  });
  return { cluster, clock };
}

/** A KubeConfig for `url` with a client certificate for CN/O, signed by `signer`. */
export async function kubeConfigFor(
  url: string,
  ca: CertAuthority,
  signer: CertAuthority = ca,
  cn = 'admin',
  o = 'system:masters',
): Promise<KubeConfig> {
  const { keyPem, csrPem } = await generateKeyAndCsr(cn, o);
  const certPem = await signer.sign(csrPem);
  return buildKubeConfig('demo', `demo-${cn}`, { server: url, caPem: ca.certPem, certPem, keyPem });
}

export function apiFor(kc: KubeConfig, clock: SimClock, options: Partial<KubeApiOptions> = {}): KubeApi {
  return createKubeApi(kc, { clock, logger: createSilentLogger(), pageSize: 5, timeoutMs: 10_000, ...options });
}
