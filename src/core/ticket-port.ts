import type { ClusterDetail, ClusterTemplate } from './cluster.js';
import type { Finding } from './finding.js';
import type { KEvent } from './kube-state.js';
import type { HeatResource } from './openstack-state.js';

/** What a support bundle is built from, as the job gathers it (src/tickets/ticket-service.ts builds and sends it). */
export interface TicketEvidence {
  /** Null for a cluster registered by kubeconfig (Kolla-Kubernetes, Murano). */
  cluster: ClusterDetail | null;
  clusterName: string;
  /** `openstack coe cluster show` table of the cluster; null without Magnum. */
  showDump: string | null;
  template: ClusterTemplate | null;
  /** The diagnosis made when the bundle was asked for, never an earlier one from the thread. */
  findings: Finding[];
  /** When that diagnosis was made, epoch ms on the servers' clock (the API server's, else Magnum's). */
  diagnosedAt: number;
  failedHeatResources: HeatResource[];
  warningEvents: KEvent[];
}

/** A request to attach the thread's bundle to its ticket. */
export interface TicketAttachRequest extends TicketEvidence {
  channel: string;
  threadTs: string;
  requester: string;
  /** The attaching job's id: it owns the thread's lock, on every retry. */
  owner: string;
  /** The message the bundle was asked from: a second ask from it (a double click) sends nothing. */
  sourceKey?: string | undefined;
  /** The key of the job's "sink failed" note (a keyed post), the same on every retry. */
  noteKey?: string | undefined;
}

export interface TicketAttachOutcome {
  /** The thread's ticket; null when the sink failed on a first attach (the bundle went to the thread). */
  ref: { display: string; url?: string } | null;
  fellBack: boolean;
  duplicate: boolean;
  /** The Block Kit element that replaces the "Attach to support ticket" button, when there is a ticket. */
  linkButton: object | null;
}

/** The ticket side as jobs see it (src/tickets/ implements it). */
export interface TicketPort {
  attach(request: TicketAttachRequest): Promise<TicketAttachOutcome>;
}
