/**
 * "Now" on a server's clock. Ages of Kubernetes objects are measured against the API server's
 * clock and ages of Magnum fields against Magnum's, so that a server whose clock differs from
 * the bot's host neither shows negative ages ("<invalid> ago") nor misses thresholds.
 *
 * The skew is the server's wall clock minus this host's wall clock, read from the `Date`
 * header of a response. It is applied to the bot's clock: in production that is the host's
 * clock; in the demo it is the simulated cloud's, which runs on this host, so the skew of the
 * simulated servers is what they put in their `Date` header relative to the host.
 */

/** Below this, the difference is the header's one-second resolution and the request's own time, not skew. */
export const CLOCK_SKEW_TOLERANCE_MS = 2_000;

/**
 * How far a server's clock is ahead of this host's (negative: behind), from the `Date` header of
 * a response whose headers arrived at `receivedAt` (host wall clock, epoch ms). Null without a
 * usable header; 0 within the tolerance.
 */
export function clockSkewFromDate(dateHeader: string | null | undefined, receivedAt: number): number | null {
  if (!dateHeader) return null;
  const date = Date.parse(dateHeader);
  if (Number.isNaN(date)) return null;
  // The header is truncated to the second: the server sent it within [date, date + 1 s).
  const skew = date + 500 - receivedAt;
  return Math.abs(skew) < CLOCK_SKEW_TOLERANCE_MS ? 0 : skew;
}

/** The server's "now": the bot's clock plus the server's skew, or the bot's clock when the skew is unknown. */
export function serverNow(botNow: number, skewMs: number | null | undefined): number {
  return botNow + (skewMs ?? 0);
}
