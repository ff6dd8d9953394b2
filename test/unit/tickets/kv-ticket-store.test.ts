import { createKvTicketStore, type TicketKv } from '../../../src/tickets/kv-ticket-store.js';
import type { StoredTicket } from '../../../src/tickets/types.js';

/** A Map with SET/SET NX/DEL semantics and TTLs on a clock the test moves. */
class MapKv implements TicketKv {
  now = 0;
  readonly entries = new Map<string, { value: string; expires: number }>();
  async get(key: string) {
    const e = this.entries.get(key);
    return e && e.expires > this.now ? e.value : null;
  }
  async set(key: string, value: string, ttlMs: number) {
    this.entries.set(key, { value, expires: this.now + ttlMs });
  }
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if ((await this.get(key)) !== null) return false;
    await this.set(key, value, ttlMs);
    return true;
  }
  async del(key: string) {
    this.entries.delete(key);
  }
  async lock(key: string, owner: string, ttlMs: number) {
    const held = await this.get(key);
    if (held !== null && held !== owner) return false;
    await this.set(key, owner, ttlMs);
    return true;
  }
  async unlock(key: string, owner: string) {
    if ((await this.get(key)) === owner) this.entries.delete(key);
  }
}

const stored: StoredTicket = {
  ref: { sink: 'zendesk', id: '35001', url: 'https://acme.zendesk.com/agent/tickets/35001', display: 'Zendesk #35001' },
  bundleDigest: 'abc',
  at: 1,
};

describe('createKvTicketStore', () => {
  it('round-trips the stored ticket of a thread', async () => {
    const store = createKvTicketStore(new MapKv());
    expect(await store.get('slack-C1-1.2')).toBeNull();
    await store.set('slack-C1-1.2', stored);
    expect(await store.get('slack-C1-1.2')).toEqual(stored);
  });

  it('reads a corrupt value as no ticket rather than failing the attach', async () => {
    const kv = new MapKv();
    await kv.set('tickets:ref:t', '{"ref":{"sink":"fax"}}', 1000);
    expect(await createKvTicketStore(kv).get('t')).toBeNull();
  });

  it('locks a thread for one owner until unlocked by it or expired; the same owner takes it again', async () => {
    const kv = new MapKv();
    const store = createKvTicketStore(kv);
    expect(await store.tryLock('t', 1000, 'job-1')).toBe(true);
    expect(await store.tryLock('t', 1000, 'job-2')).toBe(false);
    expect(await store.tryLock('t', 1000, 'job-1')).toBe(true);
    await store.unlock('t', 'job-2');
    expect(await store.tryLock('t', 1000, 'job-2')).toBe(false);
    await store.unlock('t', 'job-1');
    expect(await store.tryLock('t', 1000, 'job-2')).toBe(true);
    kv.now = 1001;
    expect(await store.tryLock('t', 1000, 'job-3')).toBe(true);
  });
});
