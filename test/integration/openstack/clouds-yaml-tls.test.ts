import { webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { loadX509 } from '../../../src/sim/index.js';
import { ManualClock, PROJECT_ID, recordingLogger } from './fake-cloud.js';

/** A self-signed certificate for 127.0.0.1, standing in for a private cloud CA. */
async function selfSigned(): Promise<{ cert: string; key: string }> {
  // The sim's loader adds the Reflect metadata shim @peculiar/x509 needs.
  const x509 = await loadX509();
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=test-cloud-ca',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3_600_000),
    keys: keys as never,
    signingAlgorithm: alg,
    extensions: [new x509.BasicConstraintsExtension(true), new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return {
    cert: cert.toString('pem'),
    key: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)?.join('\n')}\n-----END PRIVATE KEY-----\n`,
  };
}

describe('createOpenStackApi with clouds.yaml and OS_CACERT', () => {
  let dir: string;
  let server: Server;
  let url: string;
  const seen: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kc-clouds-'));
    const { cert, key } = await selfSigned();
    writeFileSync(join(dir, 'ca.pem'), cert);
    server = createServer({ cert, key }, (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v3/auth/tokens') {
        res.writeHead(201, { 'x-subject-token': 'tls-token' });
        const catalog = [{ type: 'container-infra', endpoints: [{ url: `${url}/v1`, interface: 'public', region_id: 'RegionOne' }] }];
        res.end(
          JSON.stringify({
            token: { expires_at: '2099-01-01T00:00:00Z', issued_at: '2098-12-31T23:00:00Z', project: { id: PROJECT_ID }, catalog },
          }),
        );
        return;
      }
      res.end(JSON.stringify({ clusters: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clouds = [
      'clouds:',
      '  private:',
      '    auth_type: v3applicationcredential',
      '    auth:',
      `      auth_url: ${url}/v3`,
      '      application_credential_id: ac',
      '      application_credential_secret: secret',
      '    region_name: RegionOne',
      `    cacert: ${join(dir, 'ca.pem')}`,
    ].join('\n');
    writeFileSync(join(dir, 'clouds.yaml'), clouds);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('finds the cloud in ./clouds.yaml and trusts its CA file', async () => {
    const api = createOpenStackApi({
      credentials: { cloud: 'private', interface: 'public', cloudsYaml: { cloud: 'private' } },
      logger: recordingLogger(),
      clock: new ManualClock(),
      cwd: dir,
      homeDir: join(dir, 'no-home'),
    });
    try {
      expect(api.cloud).toEqual('private');
      await expect(api.magnum.listClusters()).resolves.toEqual([]);
      await expect(api.projectId()).resolves.toEqual(PROJECT_ID);
      expect(seen).toEqual(['POST /v3/auth/tokens', 'GET /v1/clusters/detail']);
    } finally {
      await api.close();
    }
  });

  test('refuses the server without the CA, with a hint and no retry', async () => {
    const api = createOpenStackApi({
      credentials: { cloud: 'x', authUrl: `${url}/v3`, applicationCredential: { id: 'ac', secret: 's' }, interface: 'public' },
      logger: recordingLogger(),
      clock: new ManualClock(),
      http: { sleep: async () => undefined },
    });
    try {
      await expect(api.projectId()).rejects.toMatchObject({ code: 'upstream_tls', service: 'keystone', retryable: false });
    } finally {
      await api.close();
    }
  });
});
