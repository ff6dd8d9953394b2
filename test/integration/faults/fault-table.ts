/**
 * The fault table: every service the bot calls, every kind of fault, and what the client must
 * do with it. The suites under test/integration/faults/ run these rows; the README's
 * "Under failure" figures are counted from them (test/unit/docs/fault-figures.test.ts checks).
 */
import type { FaultKind, FaultService } from '../../../src/sim/index.js';

/** Tries the clients make of one request before they give up (HttpClient and KubeHttp defaults). */
export const MAX_TRIES = 4;

/** How a fault that does not stop ends: the error code the caller gets, and how many requests the fault answered. */
export interface GiveUp {
  code: string;
  /** Requests that met the fault: the bound on retries. */
  fired: number;
}

export interface FaultRow {
  service: FaultService;
  kind: FaultKind;
  /** A burst of this many faulted requests is absorbed: the call succeeds. */
  burst: number;
  /** A fault that lasts: the call gives up like this (null: the fault cannot last, see the note). */
  giveUp: GiveUp | null;
  note?: string;
}

const OPENSTACK = ['keystone', 'magnum', 'heat', 'octavia', 'neutron', 'nova', 'cinder'] as const;

function openstackRows(service: (typeof OPENSTACK)[number]): FaultRow[] {
  const rows: FaultRow[] = [
    { service, kind: '5xx', burst: 2, giveUp: { code: 'upstream_unavailable', fired: MAX_TRIES } },
    { service, kind: '429', burst: 2, giveUp: { code: 'rate_limited', fired: MAX_TRIES } },
    { service, kind: 'slow', burst: 2, giveUp: { code: 'upstream_timeout', fired: MAX_TRIES } },
    { service, kind: 'reset', burst: 2, giveUp: { code: 'upstream_unreachable', fired: MAX_TRIES } },
  ];
  rows.push(
    service === 'keystone'
      ? {
          service,
          kind: 'token_expired',
          burst: 1,
          giveUp: null,
          note: 'every token expires while a call is under way; Keystone issues a fresh one, so the expiry cannot last',
        }
      : // The service says 401 once per token: the client re-authenticates once, a second 401 is final.
        { service, kind: 'token_expired', burst: 1, giveUp: { code: 'unauthorized', fired: 2 } },
  );
  return rows;
}

export const FAULT_ROWS: readonly FaultRow[] = [
  ...OPENSTACK.flatMap(openstackRows),
  { service: 'kube', kind: '5xx', burst: 2, giveUp: { code: 'kube_error', fired: MAX_TRIES } },
  { service: 'kube', kind: '429', burst: 2, giveUp: { code: 'kube_error', fired: MAX_TRIES } },
  { service: 'kube', kind: 'slow', burst: 2, giveUp: { code: 'timeout', fired: MAX_TRIES } },
  { service: 'kube', kind: 'reset', burst: 2, giveUp: { code: 'kube_unreachable', fired: MAX_TRIES } },
  // Client certificates, not tokens: a 401 drops the cached certificate and the job's next attempt signs a new one.
  { service: 'kube', kind: 'token_expired', burst: 1, giveUp: { code: 'kube_unauthorized', fired: 1 } },
];

/** Faults per service in the table (bursts absorbed plus lasting faults given up on). */
export function faultsPerService(rows: readonly FaultRow[] = FAULT_ROWS): Record<FaultService, number> {
  const out = {} as Record<FaultService, number>;
  for (const row of rows) out[row.service] = (out[row.service] ?? 0) + 1 + (row.giveUp ? 1 : 0);
  return out;
}

/** Fuzzed clicks and form submissions tried by fuzz-interactions.test.ts (the README quotes these). */
export const FUZZ_CLICKS = 240;
export const FUZZ_SUBMISSIONS = 120;
