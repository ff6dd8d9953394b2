/**
 * Reading what the Cluster API drivers put in Magnum's status_reason. magnum-cluster-api writes
 * `CAPI Cluster status: <reason>: <message>. CAPI OpenstackCluster status reason: <reason>: <message>`
 * (the latest event of each object; see magnum-driver.ts); Cluster API Provider OpenStack names
 * its events `Successful<Verb><Object>` and `Failed<Verb><Object>`.
 */
/** How far a Cluster API driver's operation got, from Magnum (status_reason, node counts) and Nova (the machines). */
export interface CapiProgress {
  /** Machines ACTIVE in Nova, and how many the nodegroups want (master_count + node_count). */
  ready: number;
  wanted: number;
  building: number;
  failed: number;
  /** Every control-plane machine master_count asks for is ACTIVE in Nova; null before the first one exists. */
  controlPlaneReady: boolean | null;
  /** What Cluster API did last (magnum-cluster-api's status_reason), one line. */
  activity: string | null;
  /** Why it looks stuck: a Failed* event, or a machine Nova put in ERROR (with its fault). */
  problem: string | null;
}

export interface CapiEvent {
  reason: string;
  message: string;
}

export interface CapiStatusReason {
  cluster: CapiEvent | null;
  infrastructure: CapiEvent | null;
}

const WHOLE = /^CAPI Cluster status: (?<cluster>.*?)\. CAPI OpenstackCluster status reason: (?<infra>.*)$/s;
const EVENT = /^(?<reason>[A-Za-z]+): (?<message>.*)$/s;

function event(text: string | undefined): CapiEvent | null {
  const match = EVENT.exec(text?.trim() ?? '');
  if (!match?.groups) return null;
  return { reason: match.groups['reason'] ?? '', message: match.groups['message'] ?? '' };
}

/** The two events of a magnum-cluster-api status_reason; null when the text is not one. */
export function parseCapiStatusReason(text: string | null | undefined): CapiStatusReason | null {
  const match = WHOLE.exec(text?.trim() ?? '');
  if (!match?.groups) return null;
  return { cluster: event(match.groups['cluster']), infrastructure: event(match.groups['infra']) };
}

/** The failed event, if either is one (`FailedCreateNetwork: ...`). */
export function failedCapiEvent(parsed: CapiStatusReason | null): CapiEvent | null {
  if (parsed === null) return null;
  for (const e of [parsed.infrastructure, parsed.cluster]) if (e && /^Failed/.test(e.reason)) return e;
  return null;
}

/** One short line of what Cluster API is doing, for the progress message. */
export function capiActivity(text: string | null | undefined, max = 160): string | null {
  const parsed = parseCapiStatusReason(text);
  if (parsed === null) return null;
  const shown = failedCapiEvent(parsed) ?? parsed.cluster ?? parsed.infrastructure;
  if (shown === null) return null;
  const line = `${shown.reason}: ${shown.message.replace(/\s+/g, ' ')}`;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
