/**
 * The rows of job-faults.test.ts: one job per service and fault, run by the whole bot. Kept
 * apart from the test so the README's figures can be counted from them (readme-figures.test.ts).
 */
import { DEFAULT_ATTEMPTS } from '../../../src/queue/job-queue.js';
import type { FaultKind, FaultService } from '../../../src/sim/index.js';
import { MAX_TRIES } from './fault-table.js';

/** The job's attempts (the queue's default, DEFAULT_ATTEMPTS). */
const JOB_ATTEMPTS = DEFAULT_ATTEMPTS;

export interface JobFaultRow {
  name: string;
  service: FaultService;
  kind: FaultKind;
  /** Only requests of this method and path (below the service's prefix) meet the fault. */
  method?: string;
  path: string;
  amount: { count: number } | { durationMs: number };
  /** Expire every token first, so the service's next call needs Keystone. */
  expireTokens?: boolean;
  command: string;
  /** The one message that ends the job (in the channel or its threads, or shown to the requester). */
  result: RegExp;
  /** Requests that met the fault. */
  fired: number;
  /** A cluster that must exist exactly once afterwards. */
  oneCluster?: string;
}

const LASTING = { durationMs: 600_000 };

export const JOB_FAULT_ROWS: readonly JobFaultRow[] = [
  // Keystone: every job starts with a token; an expired one sends the next call to Keystone.
  {
    name: 'list while Keystone answers 503 twice',
    service: 'keystone',
    kind: '5xx',
    path: '^/v3/auth/tokens$',
    amount: { count: 2 },
    expireTokens: true,
    command: 'list',
    result: /^\d+ clusters/,
    fired: 2,
  },
  {
    name: 'list when Keystone is down',
    service: 'keystone',
    kind: '5xx',
    path: '^/v3/auth/tokens$',
    amount: LASTING,
    expireTokens: true,
    command: 'list',
    result: /^Keystone: .*\(HTTP 503.*The API is unavailable right now/,
    fired: MAX_TRIES * JOB_ATTEMPTS,
  },
  {
    name: 'list with the token expiring under it',
    service: 'magnum',
    kind: 'token_expired',
    path: '^/v1/clusters',
    amount: { count: 1 },
    command: 'list',
    result: /^\d+ clusters/,
    fired: 1,
  },
  // Magnum.
  {
    name: 'list while Magnum answers 429 twice',
    service: 'magnum',
    kind: '429',
    path: '^/v1/clusters',
    amount: { count: 2 },
    command: 'list',
    result: /^\d+ clusters/,
    fired: 2,
  },
  {
    name: 'list when Magnum stays slow',
    service: 'magnum',
    kind: 'slow',
    method: 'GET',
    path: '^/v1/clusters',
    amount: LASTING,
    command: 'list',
    result: /^Magnum did not answer in time\. The API took too long/,
    fired: MAX_TRIES * JOB_ATTEMPTS,
  },
  {
    name: 'create while Magnum drops the POST once',
    service: 'magnum',
    kind: 'reset',
    method: 'POST',
    path: '^/v1/clusters$',
    amount: { count: 1 },
    command: 'create fault-reset --template k8s-1.27-no-volume',
    result: /^Creating fault-reset: CREATE_IN_PROGRESS/,
    fired: 1,
    oneCluster: 'fault-reset',
  },
  {
    name: 'create while Magnum answers the POST 503 twice',
    service: 'magnum',
    kind: '5xx',
    method: 'POST',
    path: '^/v1/clusters$',
    amount: { count: 2 },
    command: 'create fault-503 --template k8s-1.27-no-volume',
    result: /^Creating fault-503: CREATE_IN_PROGRESS/,
    fired: 2,
    oneCluster: 'fault-503',
  },
  // Nova: the create's flavor and keypair checks.
  {
    name: 'create while Nova resets twice',
    service: 'nova',
    kind: 'reset',
    path: '.',
    amount: { count: 2 },
    command: 'create fault-nova --template k8s-1.27-no-volume',
    result: /^Creating fault-nova: CREATE_IN_PROGRESS/,
    fired: 2,
    oneCluster: 'fault-nova',
  },
  // Cinder: the create's quota pre-flight reads its volume quotas.
  {
    name: 'create while Cinder answers 503 twice',
    service: 'cinder',
    kind: '5xx',
    path: '/os-quota-sets/',
    amount: { count: 2 },
    command: 'create fault-cinder --template k8s-1.27-no-volume',
    result: /^Creating fault-cinder: CREATE_IN_PROGRESS/,
    fired: 2,
    oneCluster: 'fault-cinder',
  },
  // Heat, Neutron, Octavia: the diagnosis.
  {
    name: 'diagnose while Heat answers 503 twice',
    service: 'heat',
    kind: '5xx',
    path: '^/stacks',
    amount: { count: 2 },
    command: 'diagnose healthy',
    result: /^No problems found on healthy$/,
    fired: 2,
  },
  {
    name: 'diagnose while Neutron is slow twice',
    service: 'neutron',
    kind: 'slow',
    path: '^/v2.0/ports',
    amount: { count: 2 },
    command: 'diagnose healthy',
    result: /^No problems found on healthy$/,
    fired: 2,
  },
  {
    name: 'delete preview while Octavia answers 429 twice',
    service: 'octavia',
    kind: '429',
    path: '/lbaas/loadbalancers',
    amount: { count: 2 },
    command: 'delete lb-blocks-delete',
    result: /^Delete lb-blocks-delete/,
    fired: 2,
  },
  // The Kubernetes API.
  {
    name: 'pods while the Kubernetes API answers 503 twice',
    service: 'kube',
    kind: '5xx',
    path: '.',
    amount: { count: 2 },
    command: 'pods healthy',
    result: /^Pods of healthy/,
    fired: 2,
  },
  {
    name: 'scale while the Kubernetes API rejects the certificate once',
    service: 'kube',
    kind: 'token_expired',
    method: 'PATCH',
    path: '/scale$',
    amount: { count: 1 },
    command: 'scale crash-loop default/deployment/orders-api --replicas 2',
    result: /^default\/deployment\/orders-api on crash-loop: scaled$/,
    fired: 1,
  },
];
