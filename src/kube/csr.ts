import { generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

/** A private key (PKCS#8 PEM) and a PKCS#10 CSR (PEM) for it. */
export interface KeyAndCsr {
  keyPem: string;
  csrPem: string;
}

/**
 * Generates an RSA-2048 key and a SHA-256 CSR with subject CN=`commonName`, O=`organization`,
 * as magnumclient's `generate_csr_and_key` does. PKCS#10 needs only a handful of DER
 * structures, so they are written here over node:crypto rather than pulling an ASN.1
 * library (and its DI polyfill) into the bot's runtime.
 */
export async function generateKeyAndCsr(commonName: string, organization: string): Promise<KeyAndCsr> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  const csrDer = buildCsr(commonName, organization, publicKey, privateKey);
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    csrPem: toPem(csrDer, 'CERTIFICATE REQUEST'),
  };
}

const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';
const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

function buildCsr(commonName: string, organization: string, publicKey: KeyObject, privateKey: KeyObject): Buffer {
  const subject = sequence(rdn(OID_ORGANIZATION, organization), rdn(OID_COMMON_NAME, commonName));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const attributes = tlv(0xa0, Buffer.alloc(0));
  const info = sequence(integerZero(), subject, spki, attributes);
  const signature = sign('sha256', info, privateKey);
  const algorithm = sequence(oid(OID_SHA256_WITH_RSA), tlv(0x05, Buffer.alloc(0)));
  return sequence(info, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

function rdn(type: string, value: string): Buffer {
  return tlv(0x31, sequence(oid(type), tlv(0x0c, Buffer.from(value, 'utf8'))));
}

function integerZero(): Buffer {
  return tlv(0x02, Buffer.from([0]));
}

function sequence(...parts: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(parts));
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function tlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(value.length), value]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let v = length; v > 0; v >>>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function toPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
