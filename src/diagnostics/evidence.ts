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
