import type { Message, MessageRef, SlackPoster } from '../../../src/core/ports.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createEphemeralReply, type ReplyTarget } from '../../../src/slack/ephemeral-reply.js';

class RecordingPoster implements SlackPoster {
  readonly sent: string[] = [];
  async post(channel: string, message: Message): Promise<MessageRef> {
    this.sent.push(`post ${channel}: ${message.text}`);
    return { channel, ts: '1.0' };
  }
  async update(): Promise<void> {}
  async postEphemeral(channel: string, user: string, message: Message): Promise<void> {
    this.sent.push(`ephemeral ${channel}/${user}: ${message.text}`);
  }
  async uploadSnippet(): Promise<void> {}
}

function setup(target: Partial<ReplyTarget> = {}) {
  const poster = new RecordingPoster();
  const responded: object[] = [];
  let now = 0;
  const reply = createEphemeralReply(
    {
      channelId: 'C1',
      userId: 'U1',
      responseUrl: 'https://hooks.slack.com/commands/T1/1/x',
      respond: async (message) => {
        responded.push(message);
      },
      ...target,
    },
    { apiUrl: 'https://slack.com/api/', poster, logger: createSilentLogger(), now: () => now },
  );
  return { reply, poster, responded, advance: (ms: number) => (now += ms) };
}

describe('the ephemeral reply', () => {
  it('answers through a Slack response_url, ephemerally and without replacing the original', async () => {
    const { reply, responded, poster } = setup();

    await reply({ text: 'queued' });

    expect(responded).toEqual([{ response_type: 'ephemeral', replace_original: false, text: 'queued', blocks: undefined }]);
    expect(poster.sent).toEqual([]);
  });

  it('uses chat.postEphemeral for a response_url on another host', async () => {
    const { reply, responded, poster } = setup({ responseUrl: 'https://attacker.example/hook' });

    await reply({ text: 'queued' });

    expect([responded, poster.sent]).toEqual([[], ['ephemeral C1/U1: queued']]);
  });

  it('stops using the response_url after five answers', async () => {
    const { reply, responded, poster } = setup();

    for (let i = 0; i < 6; i += 1) await reply({ text: `n${i}` });

    expect([responded.length, poster.sent]).toEqual([5, ['ephemeral C1/U1: n5']]);
  });

  it('stops using the response_url once it is 25 minutes old', async () => {
    const { reply, responded, poster, advance } = setup();

    advance(25 * 60_000);
    await reply({ text: 'late' });

    expect([responded, poster.sent]).toEqual([[], ['ephemeral C1/U1: late']]);
  });

  it('falls back to chat.postEphemeral when the response_url post fails', async () => {
    const { reply, poster } = setup({
      respond: async () => {
        throw new Error('410 expired');
      },
    });

    await reply({ text: 'queued' });

    expect(poster.sent).toEqual(['ephemeral C1/U1: queued']);
  });

  it('sends a DM when there is no channel (App Home)', async () => {
    const { reply, poster } = setup({ channelId: '', responseUrl: undefined, respond: undefined });

    await reply({ text: 'hi' });

    expect(poster.sent).toEqual(['post U1: hi']);
  });
});
