/**
 * The shape of a JSON value: keys and value types, recursively, with values normalised to a
 * kind (uuid, timestamp, url, ...) so two clouds' answers compare without their data.
 */
export type Shape = string | Shape[] | { [key: string]: Shape };

const STRING_KINDS: readonly [string, RegExp][] = [
  ['<uuid>', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
  ['<hex-id>', /^[0-9a-f]{32}$/i],
  ['<timestamp>', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/],
  ['<url>', /^https?:\/\/\S+$/],
  ['<pem-certificate>', /^-----BEGIN CERTIFICATE-----/],
  ['<pem-csr>', /^-----BEGIN CERTIFICATE REQUEST-----/],
];

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Keys whose values are protocol, not data: kept verbatim (status words, error codes, versions). */
const VERBATIM_KEYS = new Set([
  'status',
  'code',
  'title',
  'detail',
  'message',
  'rel',
  'interface',
  'type',
  'min_version',
  'max_version',
  'coe',
  'server_type',
  'methods',
]);

/** Keys whose values are maps keyed by data (label names, node names): only their value kinds count. */
const MAP_KEYS = new Set(['labels', 'labels_overridden', 'labels_added', 'labels_skipped', 'health_status_reason', 'faults']);

/** The shape of `value`; `key` is the property it sits under (decides verbatim and map handling). */
export function shapeOf(value: unknown, key = ''): Shape {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return uniqueShapes(value.map((v) => shapeOf(v, key)));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (MAP_KEYS.has(key)) return { '<map>': uniqueShapes(entries.map(([, v]) => shapeOf(v))) };
    return Object.fromEntries(entries.map(([k, v]) => [k, shapeOf(v, k)]));
  }
  if (typeof value === 'string') {
    if (VERBATIM_KEYS.has(key)) return `=${value.replace(UUIDS, '<uuid>')}`;
    return STRING_KINDS.find(([, pattern]) => pattern.test(value))?.[0] ?? '<string>';
  }
  if (typeof value === 'number') return VERBATIM_KEYS.has(key) ? `=${value}` : Number.isInteger(value) ? '<int>' : '<number>';
  if (typeof value === 'boolean') return '<boolean>';
  return `<${typeof value}>`;
}

/** An object's keys in the order the server wrote them (real Magnum's order is part of the contract). */
export function keyOrder(value: unknown): string[] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

/** Sets the value at a path (object keys or array indexes) to a marker, adding a missing key; for the documented deviations. */
export function maskPath(shape: Shape, path: readonly string[], marker: string): Shape {
  const [head, ...rest] = path;
  if (head === undefined) return marker;
  if (Array.isArray(shape)) {
    const index = Number(head);
    return shape.map((s, i) => (i === index ? maskPath(s, rest, marker) : s));
  }
  if (typeof shape === 'object') {
    const inner = shape[head];
    return { ...shape, [head]: inner === undefined ? marker : maskPath(inner, rest, marker) };
  }
  return shape;
}

function uniqueShapes(shapes: Shape[]): Shape[] {
  const seen = new Map<string, Shape>();
  for (const s of shapes) seen.set(JSON.stringify(s), s);
  return [...seen.values()];
}
