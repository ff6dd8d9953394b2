import type { ClusterDetail } from '../../../src/core/cluster.js';
import type { MagnumApi, OpenStackApi } from '../../../src/core/ports.js';
import { createKubeConnector } from '../../../src/kube/kube-connector.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createCertAuthority, loadX509, type CertAuthority } from '../../../src/sim/index.js';
import { startScenario } from './sim-kube-helpers.js';

/** Magnum's certificate API over the cluster CA, counting calls; other ports unused here. */
function fakeOpenStack(ca: CertAuthority, csrs: string[], signers: CertAuthority[] = []): OpenStackApi {
  const magnum: Pick<MagnumApi, 'getCaCertificate' | 'signCertificate'> = {
    getCaCertificate: async () => ca.certPem,
    signCertificate: async (_uuid, csrPem) => {
      csrs.push(csrPem);
      return (signers.shift() ?? ca).sign(csrPem);
    },
  };
  return { cloud: 'sim', projectId: async () => 'p1', magnum: magnum as MagnumApi } as unknown as OpenStackApi;
}

function clusterDetail(apiAddress: string | null): ClusterDetail {
  return { uuid: '5d12f6fd-a196-4bf0-ae4c-1f639a523a52', name: 'demo', status: 'CREATE_COMPLETE', apiAddress } as ClusterDetail;
}

describe('KubeConnector for Magnum clusters', () => {
  it('signs a CN=admin O=system:masters CSR once and reuses the certificate', async () => {
    const ca = await createCertAuthority('magnum-ca');
    const { cluster, clock } = await startScenario(ca, 'healthy', 1);
    try {
      const csrs: string[] = [];
      const connector = createKubeConnector({ clock, logger: createSilentLogger() });
      const openstack = fakeOpenStack(ca, csrs);
      const api = await connector.forMagnumCluster(openstack, clusterDetail(cluster.url));
      expect((await api.readState()).problems).toEqual([]);
      await connector.forMagnumCluster(openstack, clusterDetail(cluster.url));
      expect(csrs).toHaveLength(1);
      const x509 = await loadX509();
      expect(new x509.Pkcs10CertificateRequest(csrs[0] ?? '').subject).toBe('O=system:masters, CN=admin');
    } finally {
      await cluster.close();
    }
  });

  it('signs a new certificate after the cluster rejected the cached one (401)', async () => {
    const ca = await createCertAuthority('magnum-ca');
    const rotatedAway = await createCertAuthority('old-ca');
    const { cluster, clock } = await startScenario(ca, 'healthy', 1);
    try {
      const csrs: string[] = [];
      const connector = createKubeConnector({ clock, logger: createSilentLogger() });
      const openstack = fakeOpenStack(ca, csrs, [rotatedAway]);
      const stale = await connector.forMagnumCluster(openstack, clusterDetail(cluster.url));
      expect((await stale.readState()).problems.map((p) => p.what)).toEqual(['api']);
      const fresh = await connector.forMagnumCluster(openstack, clusterDetail(cluster.url));
      expect((await fresh.readState()).problems).toEqual([]);
      expect(csrs).toHaveLength(2);
    } finally {
      await cluster.close();
    }
  });

  it('refuses a cluster that has no API address yet', async () => {
    const ca = await createCertAuthority('magnum-ca');
    const connector = createKubeConnector({ clock: { now: () => 0 }, logger: createSilentLogger() });
    await expect(connector.forMagnumCluster(fakeOpenStack(ca, []), clusterDetail(null))).rejects.toMatchObject({
      code: 'kube_api_address_missing',
    });
  });
});
