import type { Finding } from '../../../../src/core/finding.js';
import type { ClusterSnapshot } from '../../../../src/core/snapshot.js';
import { DEFAULT_THRESHOLDS, type DiagnosticsThresholds, type Rule } from '../../../../src/diagnostics/rule.js';
import { NOW } from '../../../helpers/snapshot-builders.js';

/** Runs one rule at NOW with the default thresholds (or some overridden). */
export function runRule(rule: Rule, snapshot: ClusterSnapshot, thresholds: Partial<DiagnosticsThresholds> = {}): Finding[] {
  return rule.run(snapshot, { now: NOW, thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds } });
}

/** Severities of the findings, the shortest readable summary for table tests. */
export function severities(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.severity);
}
