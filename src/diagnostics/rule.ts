import type { Finding } from '../core/finding.js';
import type { ClusterSnapshot } from '../core/snapshot.js';

/** Time and count limits past which the rules call something a fault. */
export interface DiagnosticsThresholds {
  /** A pod waiting in ContainerCreating longer than this is stuck. */
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
}

export const DEFAULT_THRESHOLDS: Readonly<DiagnosticsThresholds> = Object.freeze({
  containerCreatingMinutes: 10,
  slowCreateMinutes: 25,
  stuckCreateMinutes: 60,
  heatIdleMinutes: 30,
  pendingMinutes: 5,
  restartThreshold: 3,
  maxEvidenceLines: 10,
});

export interface RuleContext {
  /** Epoch milliseconds the snapshot is judged at. */
  now: number;
  thresholds: DiagnosticsThresholds;
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
