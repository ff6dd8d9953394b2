import { X509Certificate } from 'node:crypto';
import type { ClusterDetail } from '../core/cluster.js';
import { ConflictError } from '../core/errors.js';
import type { Clock, Logger, OpenStackApi } from '../core/ports.js';
import { generateKeyAndCsr } from './csr.js';
import type { CertCredentials } from './kubeconfig.js';

export interface MagnumCredentials extends CertCredentials {
  /** The client certificate's notAfter, epoch ms. */
  notAfter: number;
}

export interface MagnumCredentialOptions {
  clock: Clock;
  logger: Logger;
  /** What `openstack coe cluster config` asks for: CN=admin, O=system:masters. */
  commonName?: string;
  organization?: string;
  /** Longest time a key pair is reused, whatever the certificate says. */
  maxAgeMs?: number;
}

const MARGIN_MS = 5 * 60_000;

/**
 * Client certificates for Magnum clusters, obtained as `openstack coe cluster config` does
 * (cluster CA + a CSR signed through Magnum's certificate API) and kept in memory only, per
 * cloud and cluster uuid, until shortly before they expire.
 */
export class MagnumCredentialCache {
  private readonly cache = new Map<string, { expiresAt: number; credentials: Promise<MagnumCredentials> }>();

  constructor(private readonly options: MagnumCredentialOptions) {}

  /** Credentials for `cluster`, fetched and signed on first use. */
  async get(openstack: OpenStackApi, cluster: ClusterDetail): Promise<MagnumCredentials> {
    const apiAddress = cluster.apiAddress;
    if (!apiAddress) {
      throw new ConflictError(
        `Cluster \`${cluster.name}\` has no Kubernetes API address yet (status ${cluster.status}).`,
        'kube_api_address_missing',
      );
    }
    const key = `${openstack.cloud}/${cluster.uuid}`;
    const now = this.options.clock.now();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.credentials;
    const credentials = this.fetch(openstack, cluster.uuid, apiAddress);
    const entry = { expiresAt: now + (this.options.maxAgeMs ?? 60 * 60_000), credentials };
    this.cache.set(key, entry);
    credentials.then(
      (c) => {
        entry.expiresAt = Math.min(entry.expiresAt, c.notAfter - MARGIN_MS);
      },
      () => {
        if (this.cache.get(key) === entry) this.cache.delete(key);
      },
    );
    return credentials;
  }

  /** Forgets a cluster's credentials (after a 401: the CA was rotated). */
  invalidate(cloud: string, clusterUuid: string): void {
    this.cache.delete(`${cloud}/${clusterUuid}`);
  }

  private async fetch(openstack: OpenStackApi, uuid: string, apiAddress: string): Promise<MagnumCredentials> {
    const { keyPem, csrPem } = await generateKeyAndCsr(this.options.commonName ?? 'admin', this.options.organization ?? 'system:masters');
    const [caPem, certPem] = await Promise.all([openstack.magnum.getCaCertificate(uuid), openstack.magnum.signCertificate(uuid, csrPem)]);
    const notAfter = Date.parse(new X509Certificate(certPem).validTo);
    this.options.logger.info({ cluster: uuid, notAfter: new Date(notAfter).toISOString() }, 'magnum client certificate issued');
    return { server: apiAddress, caPem, certPem, keyPem, notAfter };
  }
}
