/** What ioredis gives for a pipeline or a transaction: one [error, value] per command, or null when a transaction was aborted. */
export type Replies = Array<[Error | null, unknown]> | null;

/** The reply of the `at`-th command, throwing its error (or an abort's). */
export function replyAt(replies: Replies, at: number): unknown {
  const [error, value] = replies?.[at] ?? [new Error('no reply: transaction aborted'), null];
  if (error !== null) throw error;
  return value;
}
