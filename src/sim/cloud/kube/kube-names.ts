import { createHash } from 'node:crypto';

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no 0/1/3). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic `len`-character suffix for `seed`, in Kubernetes' alphabet. */
export function suffix(seed: string, len: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < len; i += 1) out += ALPHABET[(digest[i] ?? 0) % ALPHABET.length];
  return out;
}

/** A deterministic lowercase alphanumeric id, like Magnum's `<cluster>-<12 chars>` stack suffix. */
export function stackSuffix(seed: string): string {
  const digest = createHash('sha256').update(`stack:${seed}`).digest();
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 12; i += 1) out += chars[(digest[i] ?? 0) % chars.length];
  return out;
}

/** ISO-8601 with seconds, as the API server writes timestamps. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The metadata every simulated object starts with (the store fills uid and resourceVersion). */
export function objectMeta(name: string, createdAt: number, namespace?: string, labels?: Record<string, string>) {
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    uid: '',
    creationTimestamp: iso(createdAt),
    ...(labels ? { labels } : {}),
  };
}
