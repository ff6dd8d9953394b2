import type { Finding, Severity } from '../core/finding.js';
import type { KContainer, KPod } from '../core/kube-state.js';
import { ago, capLines, clip, groupObservations, normalizeMessage, plural } from './evidence.js';
import { podRef } from './object-refs.js';

/** A container of a pod that a generic pod rule reports. */
export interface ContainerHit {
  pod: KPod;
  container: KContainer;
}

/** `exit code 1 (Error) 3m ago` for a container's last termination; empty when there was none. */
export function lastTermination(container: KContainer, now: number): string {
  const last = container.lastTerminated;
  if (last === null) return '';
  const when = last.finishedAt === null ? '' : ` ${ago(last.finishedAt, now)}`;
  return `last terminated ${last.reason ?? 'with'} exit code ${last.exitCode ?? '?'}${when}`;
}

/** `ns/Pod/name container c: ImagePullBackOff: message` */
export function containerLine(hit: ContainerHit, detail: string): string {
  const { pod, container } = hit;
  const prefix = container.init ? 'init container' : 'container';
  return `${podRef(pod)} ${prefix} ${container.name}: ${clip(detail)}`;
}

export interface PodProblemSpec {
  rule: string;
  severity: Severity;
  /** Title when `count` pods are affected. */
  title: (count: number) => string;
  /** What one container shows, in full (restarts, ages...). */
  detail: (hit: ContainerHit) => string;
  /** The same error without what differs between pods, to merge identical errors into one line. */
  summary: (hit: ContainerHit) => string;
  explanation: string;
  remedy: string;
  maxEvidenceLines: number;
  maxDetailLines: number;
}

/** One finding for all affected pods of a generic pod rule; none when no pod is affected. */
export function podProblemFinding(hits: readonly ContainerHit[], spec: PodProblemSpec): Finding[] {
  if (hits.length === 0) return [];
  const objects = [...new Set(hits.map((h) => podRef(h.pod)))];
  const grouped = groupObservations(
    hits.map((hit) => {
      const summary = `${hit.container.init ? 'init container' : 'container'} ${hit.container.name}: ${normalizeMessage(spec.summary(hit), [hit.pod.name])}`;
      return { name: `${hit.pod.namespace}/${hit.pod.name}`, key: summary, summary, line: containerLine(hit, spec.detail(hit)) };
    }),
    'pods',
    spec.maxDetailLines,
  );
  return [
    {
      rule: spec.rule,
      severity: spec.severity,
      title: spec.title(objects.length),
      objects,
      evidence: capLines(grouped.lines, spec.maxEvidenceLines),
      ...(grouped.details ? { details: grouped.details } : {}),
      explanation: spec.explanation,
      remedy: spec.remedy,
    },
  ];
}

export function podCount(count: number): string {
  return plural(count, 'pod');
}

/** Every container of every pod that matches, init containers included. */
export function containerHits(pods: readonly KPod[], match: (c: KContainer, p: KPod) => boolean): ContainerHit[] {
  return pods.flatMap((pod) =>
    pod.deletionTimestamp !== null ? [] : pod.containers.filter((c) => match(c, pod)).map((container) => ({ pod, container })),
  );
}
