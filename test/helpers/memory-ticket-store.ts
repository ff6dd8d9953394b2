import type { Clock } from '../../src/core/ports.js';
import type { StoredTicket, TicketStore } from '../../src/tickets/types.js';

/** A TicketStore in process memory, for tests. */
export class MemoryTicketStore implements TicketStore {
  private readonly refs = new Map<string, StoredTicket>();
  private readonly locks = new Map<string, number>();

  constructor(private readonly clock: Clock = { now: () => Date.now() }) {}

  async get(threadKey: string): Promise<StoredTicket | null> {
    const stored = this.refs.get(threadKey);
    return stored ? structuredClone(stored) : null;
  }

  async set(threadKey: string, value: StoredTicket): Promise<void> {
    this.refs.set(threadKey, structuredClone(value));
  }

  async tryLock(threadKey: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const expires = this.locks.get(threadKey);
    if (expires !== undefined && expires > now) return false;
    this.locks.set(threadKey, now + ttlMs);
    return true;
  }

  async unlock(threadKey: string): Promise<void> {
    this.locks.delete(threadKey);
  }
}
