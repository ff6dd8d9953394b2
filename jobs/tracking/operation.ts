import { z } from 'zod';

/** The long operations the bot tracks to the end. */
export const OPERATION_KINDS = ['create', 'delete', 'resize', 'upgrade'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** One tracked operation: everything the poller needs to advance it and to answer in its thread. */
export const TrackedOperation = z.object({
  id: z.string().min(1),
  kind: z.enum(OPERATION_KINDS),
  cloud: z.string().min(1),
  teamId: z.string().min(1),
  channel: z.string().min(1),
  user: z.string().min(1),
  threadTs: z.string().min(1),
  anchorTs: z.string().min(1),
  cluster: z.string().min(1),
  clusterUuid: z.string().min(1),
  startedAt: z.number(),
  /** Resize target, shown in the progress message. */
  targetNodes: z.number().int().optional(),
  /** Upgrade target, the Kubernetes version shown in the progress message. */
  targetVersion: z.string().optional(),
  /** The usual duration when it depends on the cluster (an upgrade: per node replaced), in minutes. */
  usualMin: z.tuple([z.number(), z.number()]).optional(),
  /** The cluster's status when the operation started (a resize starts from UPDATE_COMPLETE too). */
  initialStatus: z.string().optional(),
  /** Whether an *_IN_PROGRESS status was seen: only then does a terminal status end it. */
  progressed: z.boolean().default(false),
  lastStatus: z.string().optional(),
  lastRenderedAt: z.number().optional(),
  /** `heat` for the Heat driver; `other` for Cluster API drivers (no Heat to ask), from what Magnum says (core/magnum-driver.ts). */
  driver: z.enum(['heat', 'other']).optional(),
  /** Which driver, in words, for the progress message (`magnum-cluster-api`, ...). */
  driverName: z.string().optional(),
  heat: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
  /** Cluster API progress: machines in Nova against the nodegroups' counts, and what Cluster API reports. */
  capi: z
    .object({
      ready: z.number().int(),
      wanted: z.number().int(),
      building: z.number().int(),
      failed: z.number().int(),
      controlPlaneReady: z.boolean().nullable(),
      activity: z.string().nullable(),
      problem: z.string().nullable(),
    })
    .optional(),
  /** A Cluster API operation that stalled (it never fails on its own) was reported once, with a diagnosis. */
  stallReported: z.boolean().optional(),
  /** Polls that found no cluster by that uuid (a create may lag the list for a moment). */
  missing: z.number().int().default(0),
});
export type TrackedOperation = z.infer<typeof TrackedOperation>;

export type { OperationStore } from '../../src/core/operation-store.js';

/** The usual duration of each kind on the platform (seed 000: creates take 15-25 min). */
export const USUAL_WINDOW_MIN: Record<OperationKind, readonly [number, number] | null> = {
  create: [15, 25],
  delete: null,
  resize: null,
  upgrade: null,
};

/** Cluster API drivers create faster (Vexxhost documents "under 5 minutes" on a quick cloud; images and quota slow it). */
export const CAPI_USUAL_WINDOW_MIN: Record<OperationKind, readonly [number, number] | null> = {
  create: [5, 15],
  delete: null,
  resize: null,
  upgrade: null,
};

/**
 * An upgrade replaces every node, one at a time (Magnum's max_batch_size defaults to 1): a new
 * machine boots and joins, the old one is drained and deleted, a few minutes each.
 */
export const UPGRADE_MIN_PER_NODE: readonly [number, number] = [2, 5];

export function upgradeWindow(nodes: number): [number, number] {
  const count = Math.max(1, nodes);
  return [UPGRADE_MIN_PER_NODE[0] * count, UPGRADE_MIN_PER_NODE[1] * count];
}

/** The usual window of an operation, by its driver once known. */
export function usualWindow(kind: OperationKind, driver: 'heat' | 'other' | undefined): readonly [number, number] | null {
  return driver === 'other' ? CAPI_USUAL_WINDOW_MIN[kind] : USUAL_WINDOW_MIN[kind];
}

/** Statuses that end each kind of operation. */
export function isTerminal(kind: OperationKind, status: string): boolean {
  if (status.endsWith('_FAILED')) return true;
  if (kind === 'create') return status === 'CREATE_COMPLETE';
  if (kind === 'resize' || kind === 'upgrade') return status === 'UPDATE_COMPLETE';
  return status === 'DELETE_COMPLETE';
}

/** Parses stored records, dropping unreadable ones. */
export function readOperations(raw: readonly unknown[]): TrackedOperation[] {
  return raw.flatMap((r) => {
    const parsed = TrackedOperation.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}
