import type { KPod } from '../core/kube-state.js';
import { ageSince, humanDuration } from './human-duration.js';

export interface PodsTableOptions {
  /** Pods that are not Running and ready (or Completed) go first. */
  problemsFirst: boolean;
  /** Only the `-o wide` layout exists. */
  wide: true;
}

const HEADERS = ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];
// kubectl's tabwriter: minimum cell width 6, padding 3 (k8s.io/cli-runtime printers).
const MIN_WIDTH = 6;
const PADDING = 3;

/** Whether the pod needs attention: anything but Running with every container ready, or Completed. */
export function isProblemPod(pod: KPod): boolean {
  if (pod.deletionTimestamp !== null) return true;
  if (pod.status === 'Completed' || pod.phase === 'Succeeded') return false;
  const regular = pod.containers.filter((c) => !c.init);
  return !(pod.status === 'Running' && regular.every((c) => c.ready));
}

/** kubectl's RESTARTS cell: `3 (5m ago)` when the last restart time is known. */
export function restartsCell(pod: KPod, now: number): string {
  const counted = pod.status.startsWith('Init:') ? pod.containers.filter((c) => c.init) : pod.containers.filter((c) => !c.init);
  const restarts = counted.reduce((sum, c) => sum + c.restartCount, 0);
  const last = Math.max(...counted.map((c) => c.lastTerminated?.finishedAt ?? Number.NEGATIVE_INFINITY));
  if (restarts === 0 || !Number.isFinite(last)) return String(restarts);
  return `${restarts} (${humanDuration(now - last)} ago)`;
}

function row(pod: KPod, now: number): string[] {
  const regular = pod.containers.filter((c) => !c.init);
  return [
    pod.namespace,
    pod.name,
    `${regular.filter((c) => c.ready).length}/${regular.length}`,
    pod.deletionTimestamp !== null ? 'Terminating' : pod.status,
    restartsCell(pod, now),
    ageSince(pod.createdAt, now),
    pod.podIP ?? '<none>',
    pod.nodeName ?? '<none>',
    pod.nominatedNodeName ?? '<none>',
    '<none>',
  ];
}

/**
 * The text of `kubectl get pods -A -o wide` for these pods. Like kubectl, it keeps the order
 * the API listed them in; `problemsFirst` moves problem pods up, keeping that order within each part.
 */
export function renderPodsTable(pods: readonly KPod[], now: number, options: PodsTableOptions): string {
  if (pods.length === 0) return 'No resources found\n';
  const ordered = options.problemsFirst ? [...pods.filter(isProblemPod), ...pods.filter((p) => !isProblemPod(p))] : pods;
  const rows = [HEADERS, ...ordered.map((p) => row(p, now))];
  const widths = HEADERS.map((_, i) => Math.max(MIN_WIDTH, ...rows.map((r) => (r[i] ?? '').length + PADDING)));
  const last = HEADERS.length - 1;
  return rows.map((r) => r.map((cell, i) => (i === last ? cell : cell.padEnd(widths[i] ?? 0))).join('')).join('\n') + '\n';
}
