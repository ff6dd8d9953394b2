import type { KubeBackend, SimKubeHandle } from '../../../../../src/sim/cloud/openstack/kube-backend.js';

/** What the stand-in Kubernetes side was asked to do, so tests can check the calls. */
export interface StubKubeLog {
  started: string[];
  closed: string[];
  services: string[];
  nodeCounts: string[];
}

/**
 * A stand-in for `src/sim/cloud/kube/` that starts no servers: the cloud's tests only need to see
 * that the calls happen. Certificates are not signed (the pki test uses the real PKI).
 */
export function stubKube(): { backend: KubeBackend; log: StubKubeLog } {
  const log: StubKubeLog = { started: [], closed: [], services: [], nodeCounts: [] };
  let port = 16443;
  const backend: KubeBackend = {
    createCertAuthority: (cn) =>
      Promise.resolve({
        certPem: `-----BEGIN CERTIFICATE-----\n${cn}\n-----END CERTIFICATE-----\n`,
        sign: (csr) => Promise.resolve(`signed:${csr}`),
        issueServerCert: () => Promise.resolve({ certPem: '', keyPem: '' }),
      }),
    startKubeCluster: (options) => {
      log.started.push(options.name);
      port += 1;
      const handle: SimKubeHandle = {
        url: `https://127.0.0.1:${port}`,
        setNodeCount: (m, w) => log.nodeCounts.push(`${options.name}:${m}/${w}`),
        setKubeVersion: () => undefined,
        addLoadBalancerService: (ns, name) => log.services.push(`${options.name}:${ns}/${name}`),
        close: () => {
          log.closed.push(options.name);
          return Promise.resolve();
        },
      };
      return Promise.resolve(handle);
    },
  };
  return { backend, log };
}
