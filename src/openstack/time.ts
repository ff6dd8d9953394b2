/** OpenStack timestamps to epoch ms; they are UTC even when they carry no zone (Heat). */
export function parseUtc(value: string | null | undefined): number | null {
  if (!value) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}
