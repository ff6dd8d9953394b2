import type { Finding } from '../core/finding.js';
import { SEVERITIES } from '../core/finding.js';
import { sourceText, type SourceRef } from '../core/sources.js';
import { countFindings } from './diagnosis.js';

/** The `--json` shape of the diagnose CLI. */
export interface DiagnosisJson {
  cluster: string;
  findings: {
    rule: string;
    severity: string;
    title: string;
    objects: string[];
    evidence: string[];
    impact: string[];
    remedy: string;
    reference: SourceRef | null;
  }[];
}

/** The findings as the CLI's `--json` document. */
export function diagnosisJson(cluster: string, findings: readonly Finding[]): DiagnosisJson {
  return {
    cluster,
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      objects: [...f.objects],
      evidence: [...f.evidence],
      impact: [...(f.impact ?? [])],
      remedy: f.remedy,
      reference: f.reference ? { ...f.reference } : null,
    })),
  };
}

/** Plain text, grouped by severity: the CLI's output and the snippet of a long diagnosis. */
export function renderDiagnosisText(cluster: string, findings: readonly Finding[], checked: readonly string[] = []): string {
  const c = countFindings(findings);
  const lines = [`Diagnosis of cluster ${cluster}: ${c.critical} critical, ${c.warning} warning, ${c.info} info`];
  if (checked.length > 0) lines.push(`Checked: ${checked.join(', ')}`);
  if (c.critical === 0 && c.warning === 0) lines.push('No problems found.');
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${severity.toUpperCase()} (${group.length})`);
    for (const f of group) {
      lines.push(`  [${f.rule}] ${f.title}`);
      if (f.objects.length > 0) lines.push(`    objects: ${f.objects.join(', ')}`);
      for (const e of f.evidence) lines.push(`    - ${e}`);
      if (f.details !== undefined) lines.push('    every object:', ...f.details.map((d) => `      - ${d}`));
      if (f.impact !== undefined && f.impact.length > 0) lines.push('    impact:', ...f.impact.map((i) => `      - ${i}`));
      if (f.explanation) lines.push(`    why: ${f.explanation}`);
      lines.push(`    remedy: ${f.remedy}`);
      if (f.reference) lines.push(`    reference: ${sourceText(f.reference)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The diagnosis as the snippet file a thread gets when the message cannot hold every finding. */
export function renderDiagnosisFile(
  cluster: string,
  findings: readonly Finding[],
  checked: readonly string[] = [],
): { filename: string; title: string; content: string } {
  return {
    filename: `diagnosis-${cluster}.txt`,
    title: `Diagnosis of ${cluster}`,
    content: renderDiagnosisText(cluster, findings, checked),
  };
}
