/**
 * The outbox every Slack write goes through, against the stand-in that enforces Slack's limits:
 * keyed posts are sent once however their answer is lost, writes keep within the tiers, progress
 * edits are coalesced and wait behind results.
 */
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createMemoryOutboxStore } from '../../../src/slack/outbox/memory-store.js';
import { postMetadata } from '../../../src/slack/outbox/keyed-post.js';
import { createSlackPoster } from '../../../src/slack/slack-poster.js';
import { createWebApiCaller } from '../../../src/slack/web-api-call.js';
import { startSlackStandIn, type SlackStandIn } from '../../../src/sim/index.js';
import type { OutboxStore } from '../../../src/core/outbox-store.js';
import { jest } from '@jest/globals';

jest.setTimeout(60_000);

describe('the Slack outbox', () => {
  let slack: SlackStandIn;

  afterEach(async () => {
    await slack.close();
  });

  function poster(store: OutboxStore, rateLimitScale = 1) {
    const config = { signingSecret: 's', botToken: slack.botToken, apiUrl: slack.apiUrl };
    return createSlackPoster(createWebApiCaller(config, createSilentLogger()), { store, rateLimitScale });
  }

  it('posts once when Slack accepted a post but its answer was lost (no client retry posts it again)', async () => {
    slack = await startSlackStandIn();
    const p = poster(createMemoryOutboxStore());
    slack.failNext('chat.postMessage', { acceptThenDrop: true });

    const ref = await p.post('C1OPS', { text: 'Creating prod' }, undefined, { key: 'job-1/thread' });

    expect(slack.messages('C1OPS').map((m) => [m.ts, m.text])).toEqual([[ref.ts, 'Creating prod']]);
    expect(slack.callsTo('conversations.history')).toHaveLength(1);
  });

  it('does the same for a reply in a thread (looked up with conversations.replies)', async () => {
    slack = await startSlackStandIn();
    const p = poster(createMemoryOutboxStore());
    const root = await p.post('C1OPS', { text: 'root' });
    slack.failNext('chat.postMessage', { acceptThenDrop: true });

    const reply = await p.post('C1OPS', { text: 'prod is ready' }, root.ts, { key: 'op-1/result' });

    expect(slack.thread('C1OPS', root.ts).map((m) => [m.ts, m.text])).toEqual([
      [root.ts, 'root'],
      [reply.ts, 'prod is ready'],
    ]);
  });

  it('after a restart, a keyed post already made is not made again (a kill between the post and saving its ts)', async () => {
    slack = await startSlackStandIn();
    const store = createMemoryOutboxStore();
    const first = await poster(store).post('C1OPS', { text: 'Creating prod' }, undefined, { key: 'job-2/thread' });
    // A worker killed after Slack took the post, before it recorded the answer: the intent is all it left.
    await store.putPost('job-3/thread', { state: 'sending', channel: 'C1OPS', since: Date.now() });
    const meta = JSON.stringify(postMetadata('job-3/thread'));
    const taken = (await (
      await fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${slack.botToken}` },
        body: new URLSearchParams({ channel: 'C1OPS', text: 'Resizing prod', metadata: meta }).toString(),
      })
    ).json()) as { ts: string };

    const restarted = poster(store);
    const again = await restarted.post('C1OPS', { text: 'Creating prod' }, undefined, { key: 'job-2/thread' });
    const found = await restarted.post('C1OPS', { text: 'Resizing prod' }, undefined, { key: 'job-3/thread' });

    expect(again).toEqual(first);
    expect(found.ts).toBe(taken.ts);
    expect(slack.messages('C1OPS').map((m) => m.text)).toEqual(['Creating prod', 'Resizing prod']);
  });

  it('posts once when the same keyed post is asked twice at once (a stalled job run again beside its first run)', async () => {
    slack = await startSlackStandIn();
    const p = poster(createMemoryOutboxStore());

    const [one, two] = await Promise.all([
      p.post('C1OPS', { text: 'prod is ready' }, undefined, { key: 'op-9/result' }),
      p.post('C1OPS', { text: 'prod is ready' }, undefined, { key: 'op-9/result' }),
    ]);

    expect(two).toEqual(one);
    expect(slack.messages('C1OPS')).toHaveLength(1);
  });

  it('keeps a burst of posts to one channel within chat.postMessage’s limit, in order', async () => {
    slack = await startSlackStandIn({ rateLimitScale: 20 });
    const p = poster(createMemoryOutboxStore(), 20);

    await Promise.all(Array.from({ length: 40 }, (_, i) => p.post('C1OPS', { text: `m${i}` })));

    expect(slack.messages('C1OPS').map((m) => m.text)).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`));
    expect(slack.rateLimited().length).toBeLessThanOrEqual(2);
  });

  it('honours Retry-After and sends the same write again', async () => {
    slack = await startSlackStandIn();
    const p = poster(createMemoryOutboxStore());
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    const ref = await p.post('C1OPS', { text: 'hello' });

    expect(slack.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(slack.messages('C1OPS').map((m) => [m.ts, m.text])).toEqual([[ref.ts, 'hello']]);
  });

  it('coalesces progress edits of a message (only its latest state is sent) and sends results before waiting progress', async () => {
    slack = await startSlackStandIn();
    const p = poster(createMemoryOutboxStore());
    const roots = [];
    for (let i = 0; i < 14; i += 1) roots.push(await p.post(`C${i}CHAN`, { text: `op ${i}` }));
    const [first] = roots;
    if (first === undefined) throw new Error('no root');

    // 20 edits of one message in a row, then one edit of each of 13 other messages: more than chat.update's burst.
    for (let i = 0; i < 20; i += 1) await p.update(first, { text: `op 0: ${i * 5}%` }, { progress: true });
    for (const root of roots.slice(1)) await p.update(root, { text: `${root.channel}: 10%` }, { progress: true });
    await p.update(first, { text: 'op 0: done' });
    await slack.waitFor(() => slack.callsTo('chat.update').filter((c) => c.status === 200).length >= 14, 40_000);

    const updates = slack.callsTo('chat.update').filter((c) => c.status === 200);
    const ofFirst = updates.filter((c) => c.body['channel'] === first.channel).map((c) => c.body['text']);
    expect(slack.thread(first.channel, first.ts)[0]?.text).toBe('op 0: done');
    expect(ofFirst.length).toBeLessThanOrEqual(3);
    expect(ofFirst.at(-1)).toBe('op 0: done');
    // The result was sent before the progress edits still waiting for a token.
    const resultAt = updates.findIndex((c) => c.body['text'] === 'op 0: done');
    expect(resultAt).toBeLessThan(updates.length - 1);
    expect(slack.rateLimited()).toEqual([]);
  });
});
