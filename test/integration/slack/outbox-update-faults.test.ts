/**
 * Message edits (chat.update) through the outbox when Slack answers 429 with Retry-After, 5xx, or
 * accepts an edit and answers after the client stopped waiting: progress edits of a message are
 * coalesced, the message goes only forward (never a stale state after a newer one), and the
 * final edit (a result) is its last state.
 */
import { jest } from '@jest/globals';
import type { MessageRef } from '../../../src/core/ports.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createMemoryOutboxStore } from '../../../src/slack/outbox/memory-store.js';
import { createSlackPoster } from '../../../src/slack/slack-poster.js';
import { createWebApiCaller } from '../../../src/slack/web-api-call.js';
import { SLACK_CALL_TIMEOUT_MS } from '../../../src/slack/web-client.js';
import { startSlackStandIn, type InjectedFailure, type SlackStandIn } from '../../../src/sim/index.js';

jest.setTimeout(90_000);

interface UpdateFaultRow {
  name: string;
  failure: InjectedFailure;
  count: number;
  /** The fault meets the first progress edit, or the final edit. */
  target: 'progress' | 'final';
}

const LATE = { acceptThenAnswerAfterMs: SLACK_CALL_TIMEOUT_MS + 2_000 };

const ROWS: readonly UpdateFaultRow[] = [
  { name: '429 x2 on a progress edit', failure: { status: 429, retryAfter: 1 }, count: 2, target: 'progress' },
  { name: '503 x1 on a progress edit', failure: { status: 503 }, count: 1, target: 'progress' },
  { name: 'a late answer on a progress edit', failure: LATE, count: 1, target: 'progress' },
  { name: '429 x1 on the final edit', failure: { status: 429, retryAfter: 1 }, count: 1, target: 'final' },
  { name: '500 x2 on the final edit', failure: { status: 500 }, count: 2, target: 'final' },
  { name: 'a late answer on the final edit', failure: LATE, count: 1, target: 'final' },
];

/** Progress states are `step N`; the result is `done`. */
const order = (text: string) => (text === 'done' ? Number.MAX_SAFE_INTEGER : Number(/^step (\d+)$/.exec(text)?.[1] ?? -1));

describe('message edits through the outbox under Slack faults', () => {
  let slack: SlackStandIn;

  beforeEach(async () => {
    slack = await startSlackStandIn();
  });

  afterEach(async () => {
    await slack.close();
  });

  function poster() {
    const config = { signingSecret: 's', botToken: slack.botToken, apiUrl: slack.apiUrl };
    return createSlackPoster(createWebApiCaller(config, createSilentLogger()), { store: createMemoryOutboxStore(), rateLimitScale: 50 });
  }

  /** The states the message went through in Slack, oldest first. */
  const states = (ref: MessageRef) => {
    const message = slack.messages(ref.channel).find((m) => m.ts === ref.ts);
    return message === undefined ? [] : [...message.history.map((v) => v.text), message.text];
  };

  it.each(ROWS.map((row) => [row.name, row] as const))('%s: the message only goes forward and ends in its result', async (_name, row) => {
    const p = poster();
    const ref = await p.post('C1OPS', { text: 'step 0' });
    if (row.target === 'progress') slack.failNext('chat.update', row.failure, row.count);

    // A poll's worth of progress at once: the first is sent, the rest wait behind it and coalesce.
    for (let step = 1; step <= 5; step += 1) await p.update(ref, { text: `step ${step}` }, { progress: true });
    await slack.waitFor(() => states(ref).at(-1) === 'step 5' || undefined, 60_000);
    if (row.target === 'final') slack.failNext('chat.update', row.failure, row.count);
    await p.update(ref, { text: 'done' });

    const seen = states(ref);
    expect(seen.at(-1)).toBe('done');
    // Never a stale state after a newer one (a late answer's edit may land twice: same state).
    const orders = seen.map(order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    // Coalesced: at most the first edit, the latest, and the result reached Slack.
    expect(new Set(seen.filter((t) => t !== 'step 0' && t !== 'done')).size).toBeLessThanOrEqual(2);
  });
});
