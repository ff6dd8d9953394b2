import { createHash } from 'node:crypto';
import type { TicketBundle } from './types.js';

/** Parts that change on every build (times, who clicked, the attach itself in the history). */
const VOLATILE = new Set(['generatedAt', 'diagnosedAt', 'requester', 'history']);

/**
 * Fingerprint of what a bundle says about the cluster: equal for a double click or a retried
 * job, different once the cluster, its findings or its events have changed.
 */
export function bundleDigest(bundle: TicketBundle): string {
  const stable = Object.fromEntries(Object.entries(bundle.json).filter(([key]) => !VOLATILE.has(key)));
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex');
}
