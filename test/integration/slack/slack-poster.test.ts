import { UpstreamError } from '../../../src/core/errors.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createModalOpener } from '../../../src/slack/modal-opener.js';
import { createSlackPoster } from '../../../src/slack/slack-poster.js';
import { createWebApiCaller } from '../../../src/slack/web-api-call.js';
import { createSlackWebClient } from '../../../src/slack/web-client.js';
import { renderTranscript, startSlackStandIn, type SlackStandIn } from '../../../src/sim/index.js';

describe('the Slack poster against the stand-in', () => {
  let slack: SlackStandIn;

  beforeEach(async () => {
    slack = await startSlackStandIn({ channels: [{ id: 'C2QUIET', name: 'quiet', botIsMember: false }] });
  });

  afterEach(async () => {
    await slack.close();
  });

  function poster() {
    const config = { signingSecret: 's', botToken: slack.botToken, apiUrl: slack.apiUrl };
    return {
      poster: createSlackPoster(createWebApiCaller(config, createSilentLogger())),
      modals: createModalOpener(createSlackWebClient(config, createSilentLogger())),
    };
  }

  it('posts a root, replies in its thread and edits the root', async () => {
    const { poster: p } = poster();

    const root = await p.post('C1OPS', { text: 'Creating prod' });
    await p.post('C1OPS', { text: 'Stack CREATE_IN_PROGRESS' }, root.ts);
    await p.update(root, { text: 'Created prod', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*prod* is ready' } }] });

    const thread = slack.thread('C1OPS', root.ts);
    expect(thread.map((m) => [m.text, m.threadTs])).toEqual([
      ['Created prod', undefined],
      ['Stack CREATE_IN_PROGRESS', root.ts],
    ]);
    expect(thread[0]?.history.map((v) => v.text)).toEqual(['Creating prod']);
    expect(root.channel).toBe('C1OPS');
  });

  it('uploads a snippet into the thread through the files.uploadV2 flow', async () => {
    const { poster: p } = poster();
    const root = await p.post('C1OPS', { text: 'cluster show prod' });

    await p.uploadSnippet('C1OPS', root.ts, {
      filename: 'prod.txt',
      title: 'prod dump',
      content: 'status: CREATE_FAILED\nreason: quota\n',
    });

    expect(slack.calls.map((c) => c.method).slice(-3)).toEqual([
      'files.getUploadURLExternal',
      'upload_url',
      'files.completeUploadExternal',
    ]);
    expect(slack.files('C1OPS').map((f) => [f.title, f.filename, f.content, f.threadTs])).toEqual([
      ['prod dump', 'prod.txt', 'status: CREATE_FAILED\nreason: quota\n', root.ts],
    ]);
    expect(renderTranscript(slack.thread('C1OPS', root.ts))).toContain('    status: CREATE_FAILED');
  });

  it('retries a call answered 429 with Retry-After', async () => {
    const { poster: p } = poster();
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    const ref = await p.post('C1OPS', { text: 'hello' });

    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(slack.messages('C1OPS').map((m) => [m.ts, m.text])).toEqual([[ref.ts, 'hello']]);
  });

  it("turns a Slack refusal into an UpstreamError with Slack's code", async () => {
    const { poster: p } = poster();

    const error = await p.post('C2QUIET', { text: 'hello' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'slack_refused', upstreamCode: 'not_in_channel', service: 'slack', retryable: false });
  });

  it('posts ephemerals to the user in the thread', async () => {
    const { poster: p } = poster();

    await p.postEphemeral('C1OPS', 'U1ALICE', { text: 'only you' }, '1700000000.000001');

    expect(slack.ephemerals('C1OPS')).toMatchObject([
      { user: 'U1ALICE', text: 'only you', threadTs: '1700000000.000001', via: 'chat.postEphemeral' },
    ]);
  });

  it("cuts messages over Slack's 50-block limit instead of failing", async () => {
    const { poster: p } = poster();
    const blocks = Array.from({ length: 60 }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `row ${i}` } }));

    const ref = await p.post('C1OPS', { text: 'many rows', blocks });

    expect(slack.thread('C1OPS', ref.ts)[0]?.blocks).toHaveLength(50);
  });

  it('opens a modal with views.open', async () => {
    const { modals } = poster();

    await modals.open('1.2.abc', {
      type: 'modal',
      callback_id: 'cluster_create',
      title: { type: 'plain_text', text: 'Create' },
      blocks: [],
    });

    expect(slack.views().map((v) => [v.triggerId, v.view['callback_id']])).toEqual([['1.2.abc', 'cluster_create']]);
  });
});
