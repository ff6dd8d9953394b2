/**
 * Issue 13's targets, checked where each benchmark measures its figure: `targetLine` prints one
 * line that starts with `target`, which bench/run-all.ts collects into the summary it ends with
 * (and its exit status: 1 when a target is missed).
 */

/** A bound on a figure: the figure must be at most, below, or at least the limit. */
export type Bound = { atMost: number } | { below: number } | { atLeast: number };

export function meets(value: number, bound: Bound): boolean {
  if (Number.isNaN(value)) return false;
  if ('atMost' in bound) return value <= bound.atMost;
  if ('below' in bound) return value < bound.below;
  return value >= bound.atLeast;
}

function describe(bound: Bound): string {
  if ('atMost' in bound) return `≤ ${bound.atMost}`;
  if ('below' in bound) return `< ${bound.below}`;
  return `≥ ${bound.atLeast}`;
}

const TARGET_LINE = /^target {2}/;

/** `target  NAME  VALUE UNIT  BOUND  met|MISSED`: one figure against its target. */
export function targetLine(name: string, value: number, bound: Bound, unit = 'x'): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return `target  ${name.padEnd(46)} ${`${shown} ${unit}`.padStart(12)}  ${describe(bound).padEnd(8)} ${meets(value, bound) ? 'met' : 'MISSED'}`;
}

export function isTargetLine(line: string): boolean {
  return TARGET_LINE.test(line);
}

export function isMissed(line: string): boolean {
  return isTargetLine(line) && line.endsWith('MISSED');
}
