import { generateKeyAndCsr } from '../../../src/kube/csr.js';
import { loadX509 } from '../../../src/sim/index.js';

describe('generateKeyAndCsr', () => {
  it('makes a self-consistent PKCS#10 request with the subject magnumclient uses', async () => {
    const { csrPem, keyPem } = await generateKeyAndCsr('admin', 'system:masters');
    const x509 = await loadX509();
    const csr = new x509.Pkcs10CertificateRequest(csrPem);
    expect(csr.subject).toBe('O=system:masters, CN=admin');
    expect(await csr.verify()).toBe(true);
    expect(csr.signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });
});
