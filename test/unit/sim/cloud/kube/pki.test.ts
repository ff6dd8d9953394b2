import { X509Certificate } from 'node:crypto';
import { generateKeyAndCsr } from '../../../../../src/kube/csr.js';
import { createCertAuthority } from '../../../../../src/sim/cloud/kube/pki.js';

describe('the simulated cluster CA', () => {
  it('signs a client CSR into a clientAuth certificate that chains to the CA and keeps the subject', async () => {
    const ca = await createCertAuthority('demo-ca');
    const { csrPem, keyPem } = await generateKeyAndCsr('admin', 'system:masters');
    const cert = new X509Certificate(await ca.sign(csrPem));
    const caCert = new X509Certificate(ca.certPem);
    expect(cert.subject).toBe('O=system:masters\nCN=admin');
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    const { createPrivateKey } = await import('node:crypto');
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
    expect(caCert.ca).toBe(true);
  });

  it('issues a serverAuth certificate for loopback and the given hosts', async () => {
    const ca = await createCertAuthority('demo-ca');
    const { certPem } = await ca.issueServerCert(['10.0.0.5', 'api.demo.example']);
    const cert = new X509Certificate(certPem);
    expect(cert.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost, IP Address:10.0.0.5, DNS:api.demo.example');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
  });

  it('refuses a CSR whose signature does not verify', async () => {
    const ca = await createCertAuthority('demo-ca');
    const { csrPem } = await generateKeyAndCsr('admin', 'system:masters');
    const body = csrPem.split('\n').slice(1, -2).join('');
    const der = Buffer.from(body, 'base64');
    der[der.length - 5] = (der[der.length - 5] ?? 0) ^ 0xff;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    await expect(ca.sign(tampered)).rejects.toThrow('CSR signature does not verify');
  });
});
