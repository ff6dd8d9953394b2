import { createHash } from 'node:crypto';
import { stableUuid } from './ids.js';
import type { SimState } from './sim-state.js';

export interface SimFlavor {
  id: string;
  name: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
}

const flavor = (name: string, vcpus: number, ramMb: number, diskGb: number): SimFlavor => ({
  id: stableUuid(`flavor-${name}`),
  name,
  vcpus,
  ramMb,
  diskGb,
});

/**
 * The compute flavors of the simulated cloud: Catalyst Cloud's `c1.c<vcpus>r<GB ram>` names
 * (the seeded templates and clusters use c1.c2r4), plus the m1.* names the `openstack` CLI
 * defaults to (`coe cluster template create` sends m1.medium when no flavor is given).
 */
export const SIM_FLAVORS: readonly SimFlavor[] = [
  flavor('c1.c1r05', 1, 512, 10),
  flavor('c1.c1r1', 1, 1024, 10),
  flavor('c1.c1r2', 1, 2048, 10),
  flavor('c1.c1r4', 1, 4096, 10),
  flavor('c1.c2r2', 2, 2048, 10),
  flavor('c1.c2r4', 2, 4096, 10),
  flavor('c1.c2r8', 2, 8192, 10),
  flavor('c1.c2r16', 2, 16384, 10),
  flavor('c1.c4r4', 4, 4096, 10),
  flavor('c1.c4r8', 4, 8192, 10),
  flavor('c1.c4r16', 4, 16384, 10),
  flavor('c1.c4r32', 4, 32768, 10),
  flavor('c1.c8r8', 8, 8192, 10),
  flavor('c1.c8r16', 8, 16384, 10),
  flavor('c1.c8r32', 8, 32768, 10),
  flavor('c1.c16r32', 16, 32768, 10),
  flavor('c1.c16r64', 16, 65536, 10),
  flavor('m1.small', 1, 2048, 20),
  flavor('m1.medium', 2, 4096, 40),
  flavor('m1.large', 4, 8192, 80),
];

/** Nova sorts flavors by `flavorid` unless asked otherwise. */
export function flavorsInNovaOrder(): SimFlavor[] {
  return [...SIM_FLAVORS].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `2026-11-21T12:53:40.000000`, as Nova formats timestamps. */
export function novaTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.000000`;
}

/** A stable OpenSSH ed25519 public key for a keypair name (the key material is not used by anything). */
export function publicKeyOf(name: string): string {
  const type = Buffer.from('ssh-ed25519');
  const key = createHash('sha256').update(`sim-keypair-${name}`).digest();
  const blob = Buffer.concat([lengthPrefixed(type), lengthPrefixed(key)]);
  return `ssh-ed25519 ${blob.toString('base64')} ${name}@sim`;
}

function lengthPrefixed(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

/** Nova's fingerprint of an SSH public key: MD5 of the key blob, colon-separated hex. */
export function fingerprintOf(publicKey: string): string {
  const blob = Buffer.from(publicKey.split(' ')[1] ?? '', 'base64');
  const hex = createHash('md5').update(blob).digest('hex');
  return hex.replace(/(..)(?!$)/g, '$1:');
}

const keypairsCreatedAt = new WeakMap<SimState, number>();

/** When the sim's keypairs were made: fixed on first sight, so every view agrees. */
export function keypairCreatedAt(state: SimState): number {
  const known = keypairsCreatedAt.get(state);
  if (known !== undefined) return known;
  const at = state.clock.now() - 30 * 24 * 3_600_000;
  keypairsCreatedAt.set(state, at);
  return at;
}
