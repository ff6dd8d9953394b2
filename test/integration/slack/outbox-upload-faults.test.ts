/**
 * Snippet uploads through the outbox when Slack fails one of the flow's calls
 * (files.getUploadURLExternal, the upload URL, files.completeUploadExternal): a keyed upload ends
 * with the file shared in the thread exactly once, and the stand-in served exactly the faults
 * injected.
 */
import { jest } from '@jest/globals';
import type { OutboxStore } from '../../../src/core/outbox-store.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createMemoryOutboxStore } from '../../../src/slack/outbox/memory-store.js';
import { createSlackPoster } from '../../../src/slack/slack-poster.js';
import { createWebApiCaller } from '../../../src/slack/web-api-call.js';
import { SLACK_CALL_TIMEOUT_MS } from '../../../src/slack/web-client.js';
import { startSlackStandIn, type InjectedFailure, type SlackStandIn } from '../../../src/sim/index.js';

jest.setTimeout(90_000);

const FILE = { filename: 'prod.txt', title: 'prod dump', content: 'status: CREATE_FAILED\n' };

interface UploadFaultRow {
  method: 'files.getUploadURLExternal' | 'upload_url' | 'files.completeUploadExternal';
  failure: InjectedFailure;
  count: number;
}

const ROWS: readonly UploadFaultRow[] = [
  { method: 'files.getUploadURLExternal', failure: { status: 429, retryAfter: 1 }, count: 2 },
  { method: 'upload_url', failure: { status: 503 }, count: 1 },
  { method: 'files.completeUploadExternal', failure: { status: 429, retryAfter: 1 }, count: 1 },
  { method: 'files.completeUploadExternal', failure: { status: 503 }, count: 2 },
  { method: 'files.completeUploadExternal', failure: { acceptThenAnswerAfterMs: SLACK_CALL_TIMEOUT_MS + 2_000 }, count: 1 },
  { method: 'files.completeUploadExternal', failure: { acceptThenDrop: true }, count: 1 },
];

const label = (f: InjectedFailure) =>
  'status' in f ? `${f.status}` : 'acceptThenAnswerAfterMs' in f ? 'a late answer' : 'acceptThenDrop' in f ? 'a lost answer' : 'an error';

describe('snippet uploads through the outbox under Slack faults', () => {
  let slack: SlackStandIn;

  beforeEach(async () => {
    slack = await startSlackStandIn();
  });

  afterEach(async () => {
    await slack.close();
  });

  function poster(store: OutboxStore) {
    const config = { signingSecret: 's', botToken: slack.botToken, apiUrl: slack.apiUrl };
    return createSlackPoster(createWebApiCaller(config, createSilentLogger()), { store, rateLimitScale: 50 });
  }

  it.each(ROWS.map((row) => [`${label(row.failure)} x${row.count} on ${row.method}`, row] as const))(
    '%s: the file is shared once',
    async (_name, row) => {
      const p = poster(createMemoryOutboxStore());
      const root = await p.post('C1OPS', { text: 'cluster show prod' });
      slack.failNext(row.method, row.failure, row.count);

      await p.uploadSnippet('C1OPS', root.ts, FILE, { key: 'job-1@1/snippet' });

      expect(slack.files('C1OPS').map((f) => [f.title, f.content, f.threadTs])).toEqual([[FILE.title, FILE.content, root.ts]]);
      expect(slack.thread('C1OPS', root.ts)).toHaveLength(2);
      // The upload URL is no Web API method: the stand-in records no status for it.
      if (row.method !== 'upload_url') {
        const served = slack.callsTo(row.method).filter((c) => c.status === 429 || (c.status ?? 0) >= 500);
        expect(served).toHaveLength('status' in row.failure ? row.count : 0);
      }
    },
  );

  it('after a restart, a keyed upload already shared is not shared again (a kill after the share)', async () => {
    const store = createMemoryOutboxStore();
    const root = await poster(store).post('C1OPS', { text: 'cluster show prod' });
    await poster(store).uploadSnippet('C1OPS', root.ts, FILE, { key: 'job-1@1/snippet' });

    await poster(store).uploadSnippet('C1OPS', root.ts, FILE, { key: 'job-1@1/snippet' });

    expect(slack.files('C1OPS')).toHaveLength(1);
    expect(slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);
  });
});
