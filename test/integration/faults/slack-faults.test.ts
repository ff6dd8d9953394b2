/**
 * The Slack Web API failing under the whole bot (signed Slack requests, the simulated cloud, the
 * Slack stand-in serving the faults): 429 with Retry-After, 5xx, and a post the stand-in accepted
 * but answered only after the bot's client stopped waiting. Each fault hits the thread's root (a
 * keyed post), the answer in the thread, or the message telling the thread that the job failed
 * for good (its answer refused by Slack); every message arrives once, in order, and the stand-in
 * served exactly the faults injected.
 */
import { jest } from '@jest/globals';
import { SLACK_CALL_TIMEOUT_MS } from '../../../src/slack/web-client.js';
import type { InjectedFailure } from '../../../src/sim/index.js';
import { CHANNEL, eventually, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';
import { SLACK_FAULT_ROWS, type SlackFaultRow } from './slack-fault-rows.js';

jest.setTimeout(180_000);

const ROOT = /^Cluster crash-loop is CREATE_COMPLETE/;
const ANSWER = /^Diagnosis of crash-loop: /;
const FAILURE = /^Slack refused chat\.postMessage: invalid_blocks/;

function failureOf(row: SlackFaultRow): InjectedFailure {
  if (row.kind === '429') return { status: 429, retryAfter: 1 };
  if (row.kind === '5xx') return { status: row.status ?? 503 };
  return { acceptThenAnswerAfterMs: SLACK_CALL_TIMEOUT_MS + 2_000 };
}

describe('the Slack Web API failing under the bot', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    // Slack's tiers x50, so that the only 429s are the injected ones.
    h = await startLifecycleHarness({ rateLimitScale: 50, timing: { jobBackoffMs: 200 } });
  });

  afterEach(async () => {
    await h.stop();
  });

  it.each(
    SLACK_FAULT_ROWS.map((row) => [`${row.kind}${row.status ? ` ${row.status}` : ''} x${row.count} on the ${row.target}`, row] as const),
  )('%s: every message once, in order', async (_name, row) => {
    const inThread = (body: Record<string, unknown>) => typeof body['thread_ts'] === 'string';
    const isAnswer = (body: Record<string, unknown>) => ANSWER.test(String(body['text']));
    if (row.target === 'failure') h.slack.failNext('chat.postMessage', { error: 'invalid_blocks' }, 1, isAnswer);
    const target = { root: (body: Record<string, unknown>) => !inThread(body), answer: inThread, failure: inThread }[row.target];
    h.slack.failNext('chat.postMessage', failureOf(row), row.count, target);

    await h.command('diagnose crash-loop');
    const last = row.target === 'failure' ? FAILURE : ANSWER;
    await h.waitForMessage(last, 90_000);
    // Every attempt of the job is over: nothing can post after this.
    const ended = row.target === 'failure' ? 'failed' : 'completed';
    await eventually(async () => (await h.jobs()).some((j) => j.name === 'cluster-diagnose' && j.state === ended));

    const roots = h.slack.messages(CHANNEL);
    expect(roots.map((m) => m.text).filter((t) => ROOT.test(t))).toHaveLength(1);
    expect(roots).toHaveLength(1);
    const thread = h.slack.thread(CHANNEL, roots[0]?.ts ?? '');
    const shown = (text: string) => (ROOT.test(text) ? 'root' : ANSWER.test(text) ? 'answer' : FAILURE.test(text) ? 'failure' : text);
    expect(thread.map((m) => shown(m.text))).toEqual(['root', row.target === 'failure' ? 'failure' : 'answer']);
    // Exactly the faults injected were served: one call each, besides the posts that went through
    // (and the answer Slack refused). A late answer's call never finishes for the stand-in (the
    // client hung up): it has no status.
    const posts = h.slack.callsTo('chat.postMessage');
    const faulted = row.kind === 'late' ? 0 : row.count;
    expect(posts.filter((c) => c.status === 429 || (c.status ?? 0) >= 500)).toHaveLength(faulted);
    expect(posts).toHaveLength((row.target === 'failure' ? 3 : 2) + faulted);
  });
});
