import type { Finding } from '../core/finding.js';
import type { ClusterSnapshot } from '../core/snapshot.js';

/** Time and count limits past which the rules call something a fault. */
export interface DiagnosticsThresholds {
  /** A pod waiting in ContainerCreating longer than this with no failure event is stuck (a failure event proves it at once). */
  containerCreatingMinutes: number;
  /** A create in progress longer than this is past the usual 15-25 min window. */
  slowCreateMinutes: number;
  /** A create in progress longer than this (or than create_timeout) is stuck, not slow. */
  stuckCreateMinutes: number;
  /** No Heat resource changed for this long during a create: stuck. */
  heatIdleMinutes: number;
  /** A pod or PVC Pending longer than this is reported. */
  pendingMinutes: number;
  /** Restarts from which a container with a failing last run is a crash loop. */
  restartThreshold: number;
  /** Evidence lines per finding before the rest is summarised as "... and N more". */
  maxEvidenceLines: number;
  /** Per-object detail lines kept for the snippet and the ticket when evidence was merged. */
  maxDetailLines: number;
}

export const DEFAULT_THRESHOLDS: Readonly<DiagnosticsThresholds> = Object.freeze({
  containerCreatingMinutes: 10,
  slowCreateMinutes: 25,
  stuckCreateMinutes: 60,
  heatIdleMinutes: 30,
  pendingMinutes: 5,
  restartThreshold: 3,
  maxEvidenceLines: 10,
  maxDetailLines: 200,
});

/**
 * When the snapshot is judged, on each server's own clock (epoch ms): Kubernetes times
 * (pod creation, events, conditions) against `kubeNow`, Magnum and Heat times against
 * `openstackNow`. There is deliberately no bot-clock "now": a server whose clock differs from
 * the bot's would otherwise show negative ages and miss thresholds.
 */
export interface RuleContext {
  kubeNow: number;
  openstackNow: number;
  thresholds: DiagnosticsThresholds;
}

/** The context of a snapshot: its servers' clocks, or `botNow` where it carries none. */
export function contextFor(snapshot: ClusterSnapshot, botNow: number, thresholds: Partial<DiagnosticsThresholds> = {}): RuleContext {
  return {
    kubeNow: snapshot.kubeNow ?? botNow,
    openstackNow: snapshot.openstackNow ?? botNow,
    thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
  };
}

/**
 * One diagnostics rule: a pure function from the snapshot to findings. `suppresses` names
 * more generic rules whose findings on the same objects this rule already explains:
 * `runDiagnosis` re-runs those rules without the objects this rule's findings list.
 */
export interface Rule {
  id: string;
  description: string;
  suppresses?: readonly string[];
  run(snapshot: ClusterSnapshot, context: RuleContext): Finding[];
}
