import { randomBytes, webcrypto } from 'node:crypto';
import { loadX509, type X509Lib } from './x509-lib.js';

/** A cluster certificate authority, as Magnum keeps one per cluster. */
export interface CertAuthority {
  certPem: string;
  /** Signs a client CSR: the certificate keeps the CSR's subject (CN user, O groups), clientAuth. */
  sign(csrPem: string): Promise<string>;
  /** A server certificate for 127.0.0.1, localhost and `hosts`, serverAuth. */
  issueServerCert(hosts: string[]): Promise<{ certPem: string; keyPem: string }>;
}

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Backdated so a simulated clock slightly ahead or behind real time does not matter. */
const NOT_BEFORE_SKEW_MS = DAY_MS;

/** Creates a self-signed CA (ECDSA P-256, 10 years) named `commonName`. */
export async function createCertAuthority(commonName: string): Promise<CertAuthority> {
  const x509 = await loadX509();
  const keys = await generateKeys();
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${escapeRdn(commonName)}`,
    notBefore: new Date(now - NOT_BEFORE_SKEW_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const issue = (params: IssueParams) => issueCert(x509, caCert, keys.privateKey, params);
  return {
    certPem: caCert.toString('pem'),
    async sign(csrPem) {
      const csr = new x509.Pkcs10CertificateRequest(csrPem);
      if (!(await csr.verify())) throw new Error('CSR signature does not verify');
      const cert = await issue({
        subject: csr.subject,
        publicKey: await csr.publicKey.export(),
        validDays: 365,
        extensions: [
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        ],
      });
      return cert.toString('pem');
    },
    async issueServerCert(hosts) {
      const serverKeys = await generateKeys();
      const names = [...new Set(['127.0.0.1', 'localhost', ...hosts])].map((host) => ({
        type: isIpAddress(host) ? ('ip' as const) : ('dns' as const),
        value: host,
      }));
      const cert = await issue({
        subject: 'CN=kube-apiserver',
        publicKey: serverKeys.publicKey,
        validDays: 825,
        extensions: [
          new x509.SubjectAlternativeNameExtension(names),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        ],
      });
      const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
      return { certPem: cert.toString('pem'), keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
    },
  };
}

interface IssueParams {
  subject: string;
  publicKey: webcrypto.CryptoKey;
  validDays: number;
  extensions: InstanceType<X509Lib['Extension']>[];
}

async function issueCert(
  x509: X509Lib,
  caCert: InstanceType<X509Lib['X509Certificate']>,
  caKey: webcrypto.CryptoKey,
  params: IssueParams,
): Promise<InstanceType<X509Lib['X509Certificate']>> {
  const now = Date.now();
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: params.subject,
    issuer: caCert.subject,
    notBefore: new Date(now - NOT_BEFORE_SKEW_MS),
    notAfter: new Date(now + params.validDays * DAY_MS),
    publicKey: params.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ...params.extensions,
    ],
  });
}

function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

/** A positive 16-byte serial (the high bit cleared so DER does not read it as negative). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

function escapeRdn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}
