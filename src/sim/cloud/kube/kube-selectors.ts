import { badRequest } from './kube-status.js';
import type { SimObject } from './kube-types.js';

type Predicate = (obj: SimObject) => boolean;

/** A `labelSelector` query parameter as a predicate (=, ==, !=, in, notin, exists, !exists). */
export function parseLabelSelector(selector: string | null): Predicate {
  if (!selector) return () => true;
  const terms = splitTerms(selector).map(labelTerm);
  return (obj) => terms.every((t) => t(obj.metadata.labels ?? {}));
}

/** A `fieldSelector` query parameter (=, ==, != on any dotted field path) as a predicate. */
export function parseFieldSelector(selector: string | null): Predicate {
  if (!selector) return () => true;
  const terms = splitTerms(selector).map((term) => {
    const match = /^([\w.]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid field selector: "${term}"`);
    const [, path = '', op, value = ''] = match;
    return (obj: SimObject) => (fieldValue(obj, path) === value) === (op !== '!=');
  });
  return (obj) => terms.every((t) => t(obj));
}

function labelTerm(term: string): (labels: Record<string, string>) => boolean {
  const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const [, key = '', op, list = ''] = set;
    const values = list.split(',').map((v) => v.trim());
    return (labels) => {
      const value = labels[key];
      return op === 'in' ? value !== undefined && values.includes(value) : value === undefined || !values.includes(value);
    };
  }
  const eq = /^([\w./-]+)\s*(==|!=|=)\s*([\w.-]*)$/.exec(term);
  if (eq) {
    const [, key = '', op, value] = eq;
    return (labels) => (labels[key] === value) === (op !== '!=');
  }
  const exists = /^(!?)([\w./-]+)$/.exec(term);
  if (exists) {
    const [, not, key = ''] = exists;
    return (labels) => Object.hasOwn(labels, key) === (not !== '!');
  }
  throw badRequest(`unable to parse requirement: "${term}"`);
}

/** Splits on commas outside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

function fieldValue(obj: SimObject, path: string): string {
  let value: unknown = obj;
  for (const part of path.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value === undefined || value === null ? '' : String(value);
}
