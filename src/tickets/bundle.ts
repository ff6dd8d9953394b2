import type { RawJson } from '../core/cluster.js';
import type { Finding } from '../core/finding.js';
import type { KEvent } from '../core/kube-state.js';
import type { HeatResource } from '../core/openstack-state.js';
import type { TicketEvidence } from '../core/ticket-port.js';
import { redactJson, redactText } from '../security/redact.js';
import { redactClusterRaw, redactClusterShowDump, redactTemplateRaw } from '../security/redact-cluster.js';
import { renderBundleText } from './bundle-text.js';
import { clusterRawOf, templateRawOf } from './raw-fallback.js';
import type { HistoryEntry, TicketBundle } from './types.js';

/** The evidence, the thread's history, and who asked when. */
export interface BundleInput extends TicketEvidence {
  history: HistoryEntry[];
  /** Epoch milliseconds. */
  generatedAt: number;
  /** Slack user id of whoever asked for the bundle. */
  requester: string;
}

/** Caps keep a bundle readable and under upload limits; the newest items win. */
const MAX_EVENTS = 50;
const MAX_HISTORY = 100;
const MAX_STRING = 4000;

/** Builds the redacted support bundle (text + JSON) for one cluster. Pure. */
export function buildBundle(input: BundleInput): TicketBundle {
  const cluster = input.cluster ? redactClusterRaw(clusterRawOf(input.cluster)) : { name: input.clusterName, registered_by: 'kubeconfig' };
  const template = input.template ? redactTemplateRaw(templateRawOf(input.template)) : null;
  const clusterShow = input.showDump === null ? '' : redactClusterShowDump(input.showDump.replace(/\s+$/, ''));
  const generatedAt = new Date(input.generatedAt).toISOString();
  const json = redactJson({
    kind: 'kube-chatops.ticket-bundle',
    version: 1,
    generatedAt,
    requester: input.requester,
    cluster,
    clusterShow,
    template,
    diagnosedAt: new Date(input.diagnosedAt).toISOString(),
    findings: input.findings.map(findingJson),
    failedHeatResources: input.failedHeatResources.map(heatJson),
    warningEvents: newestEvents(input.warningEvents).map(eventJson),
    history: input.history.slice(-MAX_HISTORY).map((h) => ({ ...h })),
  }) as Record<string, unknown>;
  const name = stringOr(cluster['name'], input.clusterName);
  const status = stringOr(cluster['status'], input.cluster?.status ?? 'registered by kubeconfig');
  const title = redactText(`Kubernetes cluster ${name} (${status}): support bundle`);
  const text = redactText(renderBundleText(json, { title, clusterShow }));
  return { title, text, json, filename: `kube-chatops-bundle-${safeFileName(name)}-${compactTime(generatedAt)}.txt` };
}

function findingJson(f: Finding): RawJson {
  return {
    rule: f.rule,
    severity: f.severity,
    title: cap(f.title),
    objects: f.objects.map(cap),
    evidence: f.evidence.map(cap),
    ...(f.details !== undefined ? { details: f.details.map(cap) } : {}),
    ...(f.impact !== undefined && f.impact.length > 0 ? { impact: f.impact.map(cap) } : {}),
    explanation: cap(f.explanation),
    remedy: cap(f.remedy),
    ...(f.reference ? { reference: { title: cap(f.reference.title), url: f.reference.url } } : {}),
  };
}

function heatJson(r: HeatResource): RawJson {
  return {
    path: r.path.length > 0 ? r.path.join('/') : r.name,
    name: r.name,
    type: r.type,
    status: r.status,
    statusReason: r.statusReason === null ? null : cap(r.statusReason),
    physicalId: r.physicalId,
    stackName: r.stackName,
    updatedAt: isoOrNull(r.updatedAt),
  };
}

function eventJson(e: KEvent): RawJson {
  return {
    lastSeen: isoOrNull(e.lastSeen ?? e.firstSeen),
    namespace: e.involvedNamespace ?? e.namespace,
    kind: e.involvedKind,
    name: e.involvedName,
    type: e.type,
    reason: e.reason,
    count: e.count,
    message: cap(e.message),
    source: e.source,
  };
}

function newestEvents(events: KEvent[]): KEvent[] {
  const seen = (e: KEvent) => e.lastSeen ?? e.firstSeen ?? 0;
  return [...events].sort((a, b) => seen(b) - seen(a)).slice(0, MAX_EVENTS);
}

function cap(value: string): string {
  return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… [truncated]` : value;
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'cluster';
}

function compactTime(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}
