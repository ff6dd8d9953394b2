import type { Clock } from '../../src/core/ports.js';
import type { StoredTicket, TicketStore } from '../../src/tickets/types.js';

/** A TicketStore in process memory, for tests. */
export class MemoryTicketStore implements TicketStore {
  private readonly refs = new Map<string, StoredTicket>();
  private readonly locks = new Map<string, { owner: string; expires: number }>();

  constructor(private readonly clock: Clock = { now: () => Date.now() }) {}

  async get(threadKey: string): Promise<StoredTicket | null> {
    const stored = this.refs.get(threadKey);
    return stored ? structuredClone(stored) : null;
  }

  async set(threadKey: string, value: StoredTicket): Promise<void> {
    this.refs.set(threadKey, structuredClone(value));
  }

  async tryLock(threadKey: string, ttlMs: number, owner: string): Promise<boolean> {
    const now = this.clock.now();
    const held = this.locks.get(threadKey);
    if (held !== undefined && held.expires > now && held.owner !== owner) return false;
    this.locks.set(threadKey, { owner, expires: now + ttlMs });
    return true;
  }

  async unlock(threadKey: string, owner: string): Promise<void> {
    if (this.locks.get(threadKey)?.owner === owner) this.locks.delete(threadKey);
  }
}
