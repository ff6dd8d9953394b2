import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A random UUID with dashes (Magnum, Heat, Octavia and Neutron ids). */
export function newUuid(): string {
  return randomUUID();
}

/** 32 hex characters, the shape of Keystone ids (users, projects). */
export function newHexId(): string {
  return randomBytes(16).toString('hex');
}

/** A UUID derived from `seed`, so lazily computed objects keep stable ids across requests. */
export function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A 12-character lowercase id like Heat's `short_id` (used in generated names). */
export function shortId(seed: string): string {
  const h = createHash('sha1').update(seed).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  for (let i = 0; i < 12; i += 1) out += alphabet[(h[i] as number) % 32];
  return out;
}

/** `2026-11-21T12:53:40+00:00`, as Magnum formats timestamps. */
export function magnumTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** `2026-11-21T12:53:40Z`, as Heat formats timestamps. */
export function heatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `2026-11-21T12:53:40.000000Z`, as Keystone formats token times. */
export function keystoneTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** `2026-11-21T12:53:40`, as Octavia and Neutron format timestamps. */
export function octaviaTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
