import type { Finding } from '../../../../src/core/finding.js';
import type { ClusterSnapshot } from '../../../../src/core/snapshot.js';
import { contextFor, type DiagnosticsThresholds, type Rule } from '../../../../src/diagnostics/rule.js';
import { NOW } from '../../../helpers/snapshot-builders.js';
import { SKEWS, withClockSkew } from '../../../helpers/clock-skew.js';

/** Runs one rule with the bot's clock at NOW (the snapshot's server clocks when it has them) and the default thresholds (or some overridden). */
export function runRule(rule: Rule, snapshot: ClusterSnapshot, thresholds: Partial<DiagnosticsThresholds> = {}): Finding[] {
  return rule.run(snapshot, contextFor(snapshot, NOW, thresholds));
}

/** Severities of the findings, the shortest readable summary for table tests. */
export function severities(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.severity);
}

/**
 * The clock-skew cases of a rule table: with the API server and the cloud 3 h behind or ahead
 * of the bot, and every server time moved alike, the rule finds exactly what it finds without
 * skew (titles and evidence included, since ages are measured on the servers' clocks).
 */
export function expectSameUnderSkew(rule: Rule, snapshot: ClusterSnapshot, thresholds: Partial<DiagnosticsThresholds> = {}): void {
  const plain = runRule(rule, snapshot, thresholds);
  for (const [, skew] of SKEWS) expect(runRule(rule, withClockSkew(snapshot, skew), thresholds)).toEqual(plain);
}
