/**
 * The Slack stand-in enforces Slack's published rate limits (src/core/slack-tiers.ts), answering
 * over them as Slack does: HTTP 429, `Retry-After` in whole seconds, `{"ok":false,"error":"ratelimited"}`.
 */
import { SLACK_TIERS } from '../../../src/core/slack-tiers.js';
import { startSlackStandIn, type SlackStandIn } from '../../../src/sim/index.js';

describe('the Slack stand-in under Slack rate limits', () => {
  let slack: SlackStandIn;

  afterEach(async () => {
    await slack.close();
  });

  async function call(method: string, body: Record<string, string>): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
    const response = await fetch(`${slack.apiUrl}${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${slack.botToken}` },
      body: new URLSearchParams(body).toString(),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  }

  it('lets chat.postMessage burst a little per channel, then answers 429 with Retry-After, like Slack', async () => {
    slack = await startSlackStandIn();
    const burst = SLACK_TIERS.postMessage.burst;

    const answers = [];
    for (let i = 0; i < burst + 3; i += 1) answers.push(await call('chat.postMessage', { channel: 'C1OPS', text: `m${i}` }));
    const other = await call('chat.postMessage', { channel: 'C2OTHER', text: 'another channel has its own allowance' });

    expect(answers.slice(0, burst).map((a) => a.status)).toEqual(Array.from({ length: burst }, () => 200));
    expect(answers.slice(burst)).toEqual(
      Array.from({ length: 3 }, () => ({ status: 429, retryAfter: '1', body: { ok: false, error: 'ratelimited' } })),
    );
    expect(other.status).toBe(200);
    expect(slack.messages('C1OPS')).toHaveLength(burst);
    expect(slack.rateLimited().map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage', 'chat.postMessage']);
  });

  it('counts chat.update per workspace at Tier 3 (50 a minute), across channels', async () => {
    slack = await startSlackStandIn();
    const root = (await call('chat.postMessage', { channel: 'C1OPS', text: 'root' })).body as { ts: string };
    const statuses: number[] = [];
    for (let i = 0; i < SLACK_TIERS.tier3.burst + 1; i += 1)
      statuses.push((await call('chat.update', { channel: 'C1OPS', ts: root.ts, text: `v${i}` })).status);

    const limited = await call('chat.update', { channel: 'C1OPS', ts: root.ts, text: 'again' });

    expect(statuses.slice(0, SLACK_TIERS.tier3.burst).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // 50 a minute: the next token is at most 2 s away.
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(2);
  });

  it('scales the limits with rateLimitScale, and 0 turns them off', async () => {
    slack = await startSlackStandIn({ rateLimitScale: 0 });
    for (let i = 0; i < 20; i += 1) await call('chat.postMessage', { channel: 'C1OPS', text: `m${i}` });
    expect(slack.rateLimited()).toEqual([]);
    expect(slack.messages('C1OPS')).toHaveLength(20);
  });

  it('returns message metadata from conversations.history and .replies with include_all_metadata', async () => {
    slack = await startSlackStandIn();
    const metadata = JSON.stringify({ event_type: 'kube_chatops_post', event_payload: { key: 'job-1/thread' } });
    const root = (await call('chat.postMessage', { channel: 'C1OPS', text: 'root', metadata })).body as { ts: string };
    await call('chat.postMessage', { channel: 'C1OPS', text: 'reply', thread_ts: root.ts, metadata });

    const history = (await call('conversations.history', { channel: 'C1OPS', include_all_metadata: 'true' })).body;
    const plain = (await call('conversations.history', { channel: 'C1OPS' })).body;
    const replies = (await call('conversations.replies', { channel: 'C1OPS', ts: root.ts, include_all_metadata: 'true' })).body;

    expect(history).toMatchObject({ ok: true, messages: [{ ts: root.ts, metadata: { event_payload: { key: 'job-1/thread' } } }] });
    expect((plain as { messages: object[] }).messages[0]).not.toHaveProperty('metadata');
    expect(replies).toMatchObject({
      ok: true,
      messages: [{ ts: root.ts }, { text: 'reply', metadata: { event_type: 'kube_chatops_post' } }],
    });
  });
});
