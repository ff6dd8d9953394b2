import type { KEvent, KPod, KubeState } from '../core/kube-state.js';
import { humanDuration } from './human-duration.js';
import { eventKey, indexOf } from './kube-index.js';

const MAX_TEXT = 300;

/** Shortens untrusted text (event messages, Heat reasons) to one evidence line. */
export function clip(text: string, max = MAX_TEXT): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** Keeps the first `max` lines and summarises the rest, so 40 pods do not make 40 lines. */
export function capLines(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `... and ${lines.length - max} more`];
}

/** Like capLines, but builds only the lines that are kept. */
export function capMapped<T>(items: readonly T[], max: number, toLine: (item: T) => string): string[] {
  const kept = items.slice(0, max).map(toLine);
  return items.length <= max ? kept : [...kept, `... and ${items.length - max} more`];
}

/**
 * `3m ago`, for a point in time. Times written by other clocks than the one `now` comes from
 * (a kubelet's event times, say) may lie a little ahead of it: they read `0s ago`, never negative.
 */
export function ago(time: number, now: number): string {
  return `${humanDuration(Math.max(0, now - time))} ago`;
}

/** Minutes since `time`, or null when the time is unknown. */
export function minutesSince(time: number | null, now: number): number | null {
  return time === null ? null : (now - time) / 60_000;
}

/** Events about one object, newest first (`namespace` null for cluster-scoped kinds). */
export function eventsFor(kube: KubeState, kind: string, namespace: string | null, name: string): KEvent[] {
  return indexOf(kube).events.get(eventKey(kind, kind === 'Node' ? null : namespace, name)) ?? [];
}

export function podEvents(kube: KubeState, pod: KPod): KEvent[] {
  return eventsFor(kube, 'Pod', pod.namespace, pod.name);
}

/** The newest event about a pod whose reason is one of `reasons` (any when omitted). */
export function latestPodEvent(kube: KubeState, pod: KPod, reasons?: readonly string[]): KEvent | null {
  const events = podEvents(kube, pod);
  return events.find((e) => reasons === undefined || reasons.includes(e.reason)) ?? null;
}

/** `FailedMount (2m ago, 14 times): MountVolume.SetUp failed ...` */
export function describeEvent(event: KEvent, now: number): string {
  const time = event.lastSeen ?? event.firstSeen;
  const parts = [time === null ? null : ago(time, now), event.count > 1 ? `${event.count} times` : null].filter(
    (p): p is string => p !== null,
  );
  const when = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  return `${event.reason}${when}: ${clip(event.message)}`;
}

/** `N things` with the right plural. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** One object's part in a finding: the same `key` means the same error on another object. */
export interface Observation {
  /** Short name of the object, for "(first: ...)": `ns/name` for pods. */
  name: string;
  key: string;
  /** The error without what differs between objects (names, ids, ages, counts). */
  summary: string;
  /** The full line for this object alone. */
  line: string;
}

/**
 * Evidence lines with identical errors merged: one line per error, with its count and the first
 * objects (`20 pods: FailedCreatePodSandBox: ... (first: kube-system/coredns-1, ...)`), the
 * most frequent first; an error seen once keeps its full line. The full per-object lines are
 * returned as `details` (for the snippet and the ticket) when anything was merged.
 */
export function groupObservations(
  observations: readonly Observation[],
  pluralNoun: string,
  maxDetailLines: number,
): { lines: string[]; details?: string[] } {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const group = groups.get(o.key);
    if (group === undefined) groups.set(o.key, [o]);
    else group.push(o);
  }
  const sorted = [...groups.values()].sort((a, b) => b.length - a.length);
  const lines = sorted.map((g) => {
    const [first] = g;
    if (first === undefined || g.length === 1) return first?.line ?? '';
    const names = g.slice(0, FIRST_NAMES).map((o) => o.name);
    return `${g.length} ${pluralNoun}: ${first.summary} (first: ${names.join(', ')}${g.length > FIRST_NAMES ? ', ...' : ''})`;
  });
  const merged = sorted.some((g) => g.length > 1);
  return merged
    ? {
        lines,
        details: capLines(
          observations.map((o) => o.line),
          maxDetailLines,
        ),
      }
    : { lines };
}

const FIRST_NAMES = 3;

/**
 * A message with what differs between objects taken out, so the same error on twenty pods
 * reads the same: the object's own names, hexadecimal ids (image layers, container ids) and UUIDs.
 */
export function normalizeMessage(message: string, names: readonly string[] = []): string {
  let text = message;
  for (const name of names) if (name.length > 0) text = text.split(name).join('<name>');
  return clip(
    text.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uid>').replace(/\b[0-9a-f]{12,}\b/gi, '<id>'),
  );
}
