import { startSlackStandIn, type SlackStandIn } from '../../../src/sim/index.js';

describe('the Slack stand-in', () => {
  let slack: SlackStandIn;

  beforeEach(async () => {
    slack = await startSlackStandIn({
      users: [
        { id: 'U1ALICE', name: 'alice', isAdmin: true },
        { id: 'U2GUEST', name: 'guest', isRestricted: true },
      ],
      usergroups: { S1OPS: ['U1ALICE'] },
      channels: [{ id: 'C1OPS', name: 'ops' }],
    });
  });

  afterEach(async () => {
    await slack.close();
  });

  async function call(method: string, body: Record<string, string>, token: string | null = slack.botToken): Promise<unknown> {
    const response = await fetch(`${slack.apiUrl}${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
      body: new URLSearchParams(body).toString(),
    });
    return response.json();
  }

  it('answers auth errors the way Slack does', async () => {
    expect(await call('auth.test', {}, null)).toEqual({ ok: false, error: 'not_authed' });
    expect(await call('auth.test', {}, 'xoxb-nope')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await call('auth.test', {})).toMatchObject({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0STANDIN' });
  });

  it('accepts the token as a form field too', async () => {
    expect(await call('auth.test', { token: slack.botToken }, null)).toMatchObject({ ok: true });
  });

  it('accepts JSON bodies', async () => {
    const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${slack.botToken}` },
      body: JSON.stringify({ channel: 'C1OPS', text: 'hi', blocks: [{ type: 'divider' }] }),
    });

    expect(await response.json()).toMatchObject({ ok: true, channel: 'C1OPS', ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    expect(slack.messages('C1OPS')).toMatchObject([{ text: 'hi', blocks: [{ type: 'divider' }] }]);
  });

  it('names unknown methods and unknown channels', async () => {
    expect(await call('chat.meMessage', {})).toMatchObject({ ok: false, error: 'unknown_method' });
    expect(await call('chat.postMessage', { channel: 'not-a-channel', text: 'x' })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await call('chat.update', { channel: 'C1OPS', ts: '1.000001', text: 'x' })).toEqual({ ok: false, error: 'message_not_found' });
  });

  it('threads a reply to a reply under the root, like Slack', async () => {
    const root = (await call('chat.postMessage', { channel: 'C1OPS', text: 'root' })) as { ts: string };
    const first = (await call('chat.postMessage', { channel: 'C1OPS', text: 'one', thread_ts: root.ts })) as { ts: string };
    await call('chat.postMessage', { channel: 'C1OPS', text: 'two', thread_ts: first.ts });

    expect(slack.thread('C1OPS', root.ts).map((m) => m.text)).toEqual(['root', 'one', 'two']);
    expect(slack.messages('C1OPS').map((m) => m.text)).toEqual(['root']);
  });

  it('serves users.info, usergroups.users.list and conversations.info', async () => {
    expect(await call('users.info', { user: 'U2GUEST' })).toMatchObject({
      ok: true,
      user: { id: 'U2GUEST', is_restricted: true, is_ultra_restricted: false },
    });
    expect(await call('users.info', { user: 'U9' })).toEqual({ ok: false, error: 'user_not_found' });
    expect(await call('usergroups.users.list', { usergroup: 'S1OPS' })).toEqual({ ok: true, users: ['U1ALICE'] });
    expect(await call('usergroups.users.list', { usergroup: 'S9' })).toEqual({ ok: false, error: 'no_such_subteam' });
    expect(await call('conversations.info', { channel: 'C1OPS' })).toMatchObject({
      ok: true,
      channel: { id: 'C1OPS', name: 'ops', is_member: true },
    });
  });

  it('serves an injected platform error once, then behaves', async () => {
    slack.failNext('chat.postMessage', { error: 'ratelimited' });

    expect(await call('chat.postMessage', { channel: 'C1OPS', text: 'x' })).toEqual({ ok: false, error: 'ratelimited' });
    expect(await call('chat.postMessage', { channel: 'C1OPS', text: 'x' })).toMatchObject({ ok: true });
  });

  it('answers an injected 429 with Retry-After', async () => {
    slack.failNext('auth.test', { status: 429, retryAfter: 7 });

    const response = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST', headers: { Authorization: `Bearer ${slack.botToken}` } });

    expect([response.status, response.headers.get('retry-after'), await response.json()]).toEqual([
      429,
      '7',
      { ok: false, error: 'ratelimited' },
    ]);
  });

  it('accepts a raw upload body and refuses to complete an upload that never arrived', async () => {
    const started = (await call('files.getUploadURLExternal', { filename: 'a.txt', length: '5' })) as {
      upload_url: string;
      file_id: string;
    };
    const pending = (await call('files.getUploadURLExternal', { filename: 'b.txt', length: '5' })) as { file_id: string };
    await fetch(started.upload_url, { method: 'POST', body: 'hello' });

    expect(await call('files.completeUploadExternal', { files: JSON.stringify([{ id: pending.file_id }]), channel_id: 'C1OPS' })).toEqual({
      ok: false,
      error: 'file_not_found',
    });
    expect(
      await call('files.completeUploadExternal', { files: JSON.stringify([{ id: started.file_id, title: 'A' }]), channel_id: 'C1OPS' }),
    ).toMatchObject({ ok: true });
    expect(slack.files('C1OPS').map((f) => [f.title, f.content])).toEqual([['A', 'hello']]);
  });

  it('takes five posts on a response_url, then refuses', async () => {
    const url = slack.responseUrl('C1OPS', 'U1ALICE');
    const post = () =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });

    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await post()).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(slack.ephemerals('C1OPS')).toHaveLength(5);
  });

  it('posts an in_channel response as a channel message', async () => {
    await fetch(slack.responseUrl('C1OPS', 'U1ALICE'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ response_type: 'in_channel', text: 'for all' }),
    });

    expect(slack.messages('C1OPS').map((m) => m.text)).toEqual(['for all']);
  });

  it('rejects waitFor with the last calls when the condition never holds', async () => {
    await call('auth.test', {});

    await expect(slack.waitFor(() => false, 50)).rejects.toThrow('waitFor: condition not met within 50 ms (last calls: auth.test)');
  });

  it('does not record the token', async () => {
    await call('auth.test', { token: slack.botToken }, null);

    expect(slack.calls).toEqual([{ method: 'auth.test', body: {}, at: expect.any(Number), status: 200 }]);
  });
});
