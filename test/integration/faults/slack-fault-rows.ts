/**
 * The Slack Web API faults of the fault suite (`slack-faults.test.ts`), one row per fault and
 * target; the README's figures are counted from this table (`readme-figures.test.ts`).
 */
export interface SlackFaultRow {
  /** `late`: the stand-in does the post but answers after the bot's client stopped waiting. */
  kind: '429' | '5xx' | 'late';
  status?: number;
  /** How many calls in a row get the fault. */
  count: number;
  /**
   * The thread's root (a keyed post), the job's answer in the thread, or the message that tells
   * the thread the job failed for good (its answer refused by Slack).
   */
  target: 'root' | 'answer' | 'failure';
}

export const SLACK_FAULT_ROWS: readonly SlackFaultRow[] = [
  { kind: '429', count: 2, target: 'root' },
  { kind: '429', count: 2, target: 'answer' },
  { kind: '5xx', status: 500, count: 2, target: 'root' },
  { kind: '5xx', status: 503, count: 2, target: 'answer' },
  { kind: 'late', count: 1, target: 'root' },
  { kind: 'late', count: 1, target: 'answer' },
  { kind: '5xx', status: 503, count: 2, target: 'failure' },
  { kind: 'late', count: 1, target: 'failure' },
];
