import type { Finding, Severity } from '../core/finding.js';
import type { Message } from '../core/ports.js';
import { actions, button, capBlocks, context, section, type Block } from './blocks.js';
import { TICKET_ACTION_ID } from '../core/requests/ticket-request.js';
import { code, escapeMrkdwn, link, mentionUser } from './mrkdwn.js';
import { remedyActionId } from '../core/requests/remedy-request.js';

export const SEVERITY_EMOJI: Readonly<Record<Severity, string>> = {
  critical: ':red_circle:',
  warning: ':warning:',
  info: ':information_source:',
};

export interface DiagnosisView {
  cluster: string;
  findings: readonly Finding[];
  /** What was looked at, e.g. `3 nodes`, `42 pods`, `Heat stack (57 resources)`. */
  checked: readonly string[];
  /** Magnum's health_status, shown beside the verdict (undefined: not a Magnum cluster). */
  magnumHealth?: string | null;
}

export interface DiagnosisMessageOptions {
  requester: string;
  /** The cluster uuid for the "Attach to support ticket" button; none for kubeconfig clusters. */
  ticketRef?: string;
  /** Replaces the ticket button (e.g. the link to the ticket once attached). */
  ticketElement?: object;
  /** Findings shown as sections; the rest are counted (the full text goes to a snippet). */
  maxFindings?: number;
  /** Why this diagnosis ran, when automatic (`post-create`, `create-failed`...). */
  reason?: string;
}

const EVIDENCE_LINES = 6;
const IMPACT_LINES = 4;
export const DEFAULT_MAX_FINDINGS = 12;

/** Counts per severity. */
export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Merged evidence whose per-object list is longer than a message shows: the snippet carries it. */
function detailsInSnippet(finding: Finding): boolean {
  return (finding.details?.length ?? 0) > EVIDENCE_LINES;
}

/**
 * Whether the thread also needs the text snippet: findings or evidence beyond what the message
 * shows, or merged evidence whose per-object list only the snippet carries.
 */
export function diagnosisNeedsSnippet(findings: readonly Finding[], maxFindings = DEFAULT_MAX_FINDINGS): boolean {
  return (
    findings.length > maxFindings ||
    findings.some((f) => f.evidence.length > EVIDENCE_LINES || (f.impact?.length ?? 0) > IMPACT_LINES || detailsInSnippet(f))
  );
}

/** A cluster is healthy when nothing is critical or a warning. */
export function isHealthy(findings: readonly Finding[]): boolean {
  return findings.every((f) => f.severity === 'info');
}

/** Magnum's own health beside the bot's verdict; empty for clusters Magnum does not know. */
function magnumHealthNote(view: DiagnosisView): string {
  return view.magnumHealth === undefined ? '' : ` · Magnum health ${escapeMrkdwn(view.magnumHealth ?? 'not reported')}`;
}

/** The one-line headline: counts, or "no problems found", with Magnum's health beside it. */
export function diagnosisHeadline(view: DiagnosisView): string {
  const c = countFindings(view.findings);
  if (isHealthy(view.findings)) return `:white_check_mark: No problems found on ${code(view.cluster)}${magnumHealthNote(view)}`;
  const top = c.critical > 0 ? SEVERITY_EMOJI.critical : SEVERITY_EMOJI.warning;
  return `${top} Diagnosis of ${code(view.cluster)}: *${c.critical} critical*, ${c.warning} warning, ${c.info} info${magnumHealthNote(view)}`;
}

/**
 * A button for a finding's remedy action: value is the action's params as compact JSON (ids
 * only), with the user who asked for the diagnosis: like the same remedy in a delete thread,
 * only they or an admin may carry it out.
 */
export function remedyButton(finding: Finding, requester?: string): Block | null {
  const action = finding.action;
  if (!action) return null;
  let value = JSON.stringify(requester === undefined ? action.params : { ...action.params, requester });
  if (value.length > 2000) value = JSON.stringify({ cluster: action.params['cluster'] ?? null, truncated: true });
  return button({
    actionId: remedyActionId(action.id),
    text: action.label,
    value,
    style: 'danger',
    confirm: { title: 'Are you sure?', text: escapeMrkdwn(action.label), confirm: 'Yes, do it', deny: 'Cancel' },
  });
}

/** The mrkdwn section of one finding: severity, title, evidence, impact, remedy, reference. */
export function findingSection(finding: Finding): string {
  const lines = [`${SEVERITY_EMOJI[finding.severity]} *${escapeMrkdwn(finding.title)}*  ${code(finding.rule)}`];
  const evidence = finding.evidence.slice(0, EVIDENCE_LINES);
  for (const e of evidence) lines.push(`• ${escapeMrkdwn(e)}`);
  if (finding.evidence.length > evidence.length) lines.push(`• … ${finding.evidence.length - evidence.length} more in the snippet`);
  else if (detailsInSnippet(finding)) lines.push('• the full list is in the snippet');
  const impact = finding.impact ?? [];
  if (impact.length > 0) {
    lines.push('*Impact:*', ...impact.slice(0, IMPACT_LINES).map((i) => `• ${escapeMrkdwn(i)}`));
    if (impact.length > IMPACT_LINES) lines.push(`• … ${impact.length - IMPACT_LINES} more in the snippet`);
  }
  // What the bot can do comes with its button; the rest is advice, and says so.
  lines.push(
    `${finding.action ? '*Remedy (the button below):*' : '*Advice (the bot cannot do this for you):*'} ${escapeMrkdwn(finding.remedy)}`,
  );
  if (finding.reference) lines.push(`_Reference:_ ${link(finding.reference.url, finding.reference.title)}`);
  return lines.join('\n');
}

/** The diagnosis as a Slack message: headline, one section per finding, remedy and ticket buttons. */
export function renderDiagnosisMessage(view: DiagnosisView, opts: DiagnosisMessageOptions): Message {
  const counts = countFindings(view.findings);
  const max = opts.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const blocks: Block[] = [section(diagnosisHeadline(view))];
  if (isHealthy(view.findings)) {
    blocks.push(context(`Checked: ${view.checked.map(escapeMrkdwn).join(', ') || 'nothing could be read'}`));
  }
  const shown = view.findings.slice(0, max);
  for (const finding of shown) {
    blocks.push(section(findingSection(finding)));
    const remedy = remedyButton(finding, opts.requester);
    if (remedy) blocks.push(actions(`remedy-${blocks.length}`, [remedy]));
  }
  if (view.findings.length > shown.length) {
    blocks.push(context(`… and ${view.findings.length - shown.length} more findings: the full diagnosis is in the snippet below.`));
  }
  const ticket =
    opts.ticketElement ??
    (opts.ticketRef ? button({ actionId: TICKET_ACTION_ID, text: 'Attach to support ticket', value: opts.ticketRef }) : null);
  if (ticket) blocks.push(actions('diagnosis-actions', [ticket as Block]));
  const why = opts.reason && opts.reason !== 'manual' ? ` · automatic check (${escapeMrkdwn(opts.reason)})` : '';
  blocks.push(context(`Requested by ${mentionUser(opts.requester)}${why}`));
  const text = isHealthy(view.findings)
    ? `No problems found on ${view.cluster}`
    : `Diagnosis of ${view.cluster}: ${counts.critical} critical, ${counts.warning} warning, ${counts.info} info`;
  return { text, blocks: capBlocks(blocks) };
}
