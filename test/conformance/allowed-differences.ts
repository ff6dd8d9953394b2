/**
 * Where the simulated cloud deliberately answers differently from the real Keystone 22 +
 * Magnum 15 (Zed) peers, each with its reason. Everything not listed here must match.
 */
import { maskPath } from './shape.js';
import type { StepRecord } from './wire.js';

export interface AllowedDifference {
  /** A step name of the sequence, or `*` for every step. */
  step: string;
  /** `status`, `headers.<name>`, or `body.<key>.<key>...` (array index as a number). */
  path: string;
  reason: string;
  /** When set, only this exact sim value is allowed, and it must stand where real Magnum has `real`. */
  values?: { sim: string; real: string };
}

const ZED_MAX = 'the sim models Magnum 19/20 (max microversion 1.11, bay/baymodel removed), the peers run Zed (15.0.1, max 1.10)';
const HEALTH =
  'sim clusters run a reachable Kubernetes API, so the health poller says HEALTHY with per-node reasons; the peers have no Kubernetes API (null, {})';
const ASYNC =
  'real Magnum fills this from the conductor a moment after the 202 (so a read right after it finds null or a value, depending on timing); the sim fills it when it accepts the create';

const maxVersionHeader = { sim: 'container-infra 1.11', real: 'container-infra 1.10' };
const LATEST_STEPS = [
  'template create',
  'template show',
  'cluster create',
  'cluster list',
  'cluster show (in progress)',
  'cluster show (created)',
  'cluster show (resizing)',
  'cluster show (resized)',
  'certificate CA get',
  'certificate sign',
  'unknown cluster (404)',
  'cluster create, unknown template (404)',
  'cluster delete',
  'cluster show (deleted, 404)',
];

export const ALLOWED_DIFFERENCES: readonly AllowedDifference[] = [
  { step: '*', path: 'headers.openstack-api-maximum-version', reason: ZED_MAX, values: maxVersionHeader },
  ...LATEST_STEPS.map((step) => ({
    step,
    path: 'headers.openstack-api-version',
    reason: `\`latest\` resolves to the maximum: ${ZED_MAX}`,
    values: maxVersionHeader,
  })),
  { step: 'microversion 1.99 (406)', path: 'body.errors.0.max_version', reason: ZED_MAX, values: { sim: '=1.11', real: '=1.10' } },
  {
    step: 'template create',
    path: 'body.volume_driver',
    reason: 'sim templates always say volume_driver "cinder" (as Catalyst\'s do); real Magnum echoes the request, where the CLI sends null',
    values: { sim: '<string>', real: 'null' },
  },
  { step: 'template show', path: 'body.volume_driver', reason: 'as for template create', values: { sim: '<string>', real: 'null' } },
  { step: 'cluster list', path: 'body.clusters.0.stack_id', reason: ASYNC },
  ...['stack_id', 'discovery_url', 'updated_at'].map((key) => ({ step: 'cluster show (in progress)', path: `body.${key}`, reason: ASYNC })),
  ...['cluster show (created)', 'cluster show (resizing)', 'cluster show (resized)'].flatMap((step) => [
    { step, path: 'body.health_status', reason: HEALTH },
    { step, path: 'body.health_status_reason', reason: HEALTH },
  ]),
  {
    step: 'cluster show (resizing)',
    path: 'body.status',
    reason:
      'real Magnum casts the resize to the conductor, so right after the 202 it may still say CREATE_COMPLETE; the sim is UPDATE_IN_PROGRESS at once',
  },
];

/** The record with its step's allowed differences applied: masked on both sides, or the sim's known value replaced by the real one. */
export function comparable(
  step: string,
  record: StepRecord,
  side: 'sim' | 'real',
  allowed: readonly AllowedDifference[] = ALLOWED_DIFFERENCES,
): StepRecord {
  let out: StepRecord = { ...record, headers: { ...record.headers }, keys: [...record.keys] };
  for (const diff of allowed) {
    if (diff.step !== step && diff.step !== '*') continue;
    const [where, ...rest] = diff.path.split('.');
    if (diff.values) {
      if (side === 'sim' && valueAt(out, diff.path) === diff.values.sim) out = setAt(out, where, rest, diff.values.real);
      continue;
    }
    out = setAt(out, where, rest, `<allowed: ${diff.reason}>`);
    // A top-level key the sim adds or leaves out must not fail the key-order check either.
    if (where === 'body' && rest.length === 1) out.keys = out.keys.filter((k) => k !== rest[0]);
  }
  return out;
}

function setAt(record: StepRecord, where: string | undefined, rest: string[], value: string): StepRecord {
  if (where === 'status') return { ...record, status: -1 };
  if (where === 'headers' && rest.length > 0) return { ...record, headers: { ...record.headers, [rest.join('.')]: value } };
  if (where === 'body') return { ...record, body: maskPath(record.body, rest, value) };
  return record;
}

function valueAt(record: StepRecord, path: string): unknown {
  const [where, ...rest] = path.split('.');
  if (where === 'headers') return record.headers[rest.join('.')];
  let node: unknown = record.body;
  for (const key of rest) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}
