/**
 * Tracked long operations (create, delete, resize) per cloud, kept where any worker can
 * advance them and a restart loses nothing (Redis: src/queue/operation-store.ts). Records are
 * opaque JSON objects here; the job layer validates them. Also holds the per-cloud poller lease
 * and create-name reservations.
 */
export interface OperationStore {
  put(cloud: string, id: string, record: object): Promise<void>;
  get(cloud: string, id: string): Promise<unknown>;
  list(cloud: string): Promise<unknown[]>;
  remove(cloud: string, id: string): Promise<void>;
  /** Saves and removes many records of a cloud in one round trip (a poll's outcome). */
  writeMany(cloud: string, changes: { put: ReadonlyArray<{ id: string; record: object }>; remove: readonly string[] }): Promise<void>;
  /** The current poller session of a cloud, starting a new one (and returning it) when none is live. */
  pollerSession(cloud: string, ttlMs: number): Promise<{ session: number; started: boolean }>;
  /** Keeps the lease of a running session alive (taking it back if it lapsed); false when another session holds it. */
  refreshPoller(cloud: string, session: number, ttlMs: number): Promise<boolean>;
  /** Ends the session atomically, but only when no operation is tracked for the cloud. */
  stopPollerIfIdle(cloud: string, session: number): Promise<boolean>;
  /** Reserves a cluster name for one holder; returns whoever holds it now. */
  reserveName(cloud: string, name: string, holder: string, ttlMs: number): Promise<string>;
  releaseName(cloud: string, name: string, holder: string): Promise<void>;
}
