import type { Finding } from '../core/finding.js';
import { compareSeverity } from '../core/finding.js';
import type { ClusterSnapshot } from '../core/snapshot.js';
import { contextFor, type DiagnosticsThresholds, type Rule, type RuleContext } from './rule.js';
import { ALL_RULES } from './rules/index.js';
import { impactOf } from './impact.js';
import { coveredObjects, withoutObjects } from './suppression.js';

export interface Diagnosis {
  cluster: string;
  /** Critical first, then warning, then info; within a severity by rule id. */
  findings: Finding[];
  summary: { critical: number; warning: number; info: number };
}

export interface DiagnosisOptions {
  /** The bot's clock: "now" for a snapshot that carries no server clock (`kubeNow`, `openstackNow`). */
  now: number;
  thresholds?: Partial<DiagnosticsThresholds>;
  /** The rules to run; every rule by default. */
  rules?: readonly Rule[];
}

function safeRun(rule: Rule, snapshot: ClusterSnapshot, context: RuleContext): Finding[] {
  try {
    return rule.run(snapshot, context);
  } catch (error) {
    // A bug in one rule must not hide what the others found.
    return [
      {
        rule: rule.id,
        severity: 'info',
        title: `Rule ${rule.id} could not run`,
        objects: [],
        evidence: [error instanceof Error ? error.message : String(error)],
        explanation: 'The rule failed on this snapshot; its check was skipped.',
        remedy: 'Report it to the bot maintainers with the ticket bundle.',
      },
    ];
  }
}

/**
 * Runs every rule on the snapshot. A rule's findings whose objects a more specific rule
 * already explains (see `Rule.suppresses`) are recomputed without those objects, and the
 * specific rule's findings name what they break instead (`Finding.impact`).
 */
export function runDiagnosis(snapshot: ClusterSnapshot, options: DiagnosisOptions): Diagnosis {
  const context = contextFor(snapshot, options.now, options.thresholds);
  const rules = options.rules ?? ALL_RULES;
  const first = new Map(rules.map((rule) => [rule.id, safeRun(rule, snapshot, context)]));
  const covered = coveredObjects(rules, first, snapshot);
  const findings = rules.flatMap((rule) => {
    const own = first.get(rule.id) ?? [];
    const skip = covered.get(rule.id);
    if (skip === undefined || !own.some((f) => f.objects.some((o) => skip.has(o)))) return own;
    return safeRun(rule, withoutObjects(snapshot, skip), context);
  });
  // A rule that stands in for generic findings names what they would have named.
  const roots = new Set(rules.filter((r) => (r.suppresses ?? []).length > 0).map((r) => r.id));
  for (const finding of findings) {
    if (!roots.has(finding.rule)) continue;
    const impact = impactOf(finding, snapshot.kube);
    if (impact.length > 0) finding.impact = impact;
  }
  // Array#sort is stable: a rule's own order of findings is kept.
  findings.sort((a, b) => compareSeverity(a.severity, b.severity) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  return { cluster: snapshot.name, findings, summary: { critical: count('critical'), warning: count('warning'), info: count('info') } };
}
