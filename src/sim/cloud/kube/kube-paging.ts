import { KubeHttpError } from './kube-status.js';
import type { SimObject } from './kube-types.js';

/** One page of a list and the metadata a real `...List` carries for it. */
export interface Page {
  items: SimObject[];
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
}

/** Applies `limit`/`continue` to an already filtered, ordered list. */
export function paginate(items: SimObject[], limit: string | null, token: string | null, resourceVersion: string): Page {
  const start = token ? decodeToken(token) : 0;
  const size = limit ? Number.parseInt(limit, 10) : 0;
  if (!(size > 0) || start + size >= items.length) {
    return { items: items.slice(start), metadata: { resourceVersion } };
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    metadata: { resourceVersion, continue: encodeToken(end), remainingItemCount: items.length - end },
  };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', start: offset })).toString('base64url');
}

function decodeToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { start?: unknown };
    if (typeof parsed.start === 'number' && parsed.start >= 0) return parsed.start;
  } catch {
    // fall through to the error a real server gives for a garbled token
  }
  throw new KubeHttpError(400, 'BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}
