import { matchesAuditFilter, type AuditLog, type AuditRecord } from '../../src/core/audit.js';

/** An AuditLog held in memory, for tests and benchmarks; keeps the newest `max` records. */
export function createMemoryAuditLog(max = 10_000): AuditLog & { readonly records: readonly AuditRecord[] } {
  const records: AuditRecord[] = [];
  const written = new Set<string>();
  return {
    records,
    async write(record, once) {
      if (once !== undefined) {
        if (written.has(once)) return;
        written.add(once);
      }
      records.push({ ...record });
      if (records.length > max) records.splice(0, records.length - max);
    },
    async recent(filter) {
      const found: AuditRecord[] = [];
      for (let i = records.length - 1; i >= 0 && found.length < filter.limit; i -= 1) {
        const record = records[i];
        if (record && matchesAuditFilter(record, filter)) found.push({ ...record });
      }
      return found;
    },
  };
}
