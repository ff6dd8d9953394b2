import type { SourceRef } from './sources.js';

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** An action the bot can carry out for the user, offered as a button. */
export interface RemedyAction {
  /** Stable action id, e.g. `delete-loadbalancers`. */
  id: string;
  label: string;
  /** Plain ids only (no secrets): what the action needs to run. */
  params: Record<string, string | number | string[]>;
}

/** One thing a diagnostics rule found. */
export interface Finding {
  /** Stable rule id, kebab-case: `container-creating-stuck`. */
  rule: string;
  severity: Severity;
  /** One line. */
  title: string;
  /** Objects as `ns/kind/name` (or `openstack/kind/id`). */
  objects: string[];
  /** Short facts that prove the finding: event messages, field values; identical errors merged into one line. */
  evidence: string[];
  /** When evidence merged identical errors: the full line of every object, for the snippet and the ticket. */
  details?: string[];
  /**
   * What the root cause breaks, for findings that stand in for generic ones: the Services that
   * select its pods (with their ports) and the workloads short of replicas, one line each.
   */
  impact?: string[];
  explanation: string;
  remedy: string;
  /** The public document (and section) of the known issue, when there is one. */
  reference?: SourceRef;
  action?: RemedyAction;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}
