import { z } from 'zod';
import type { Message, MessageRef, SlackPoster } from '../core/ports.js';
import { toSlackError } from './slack-errors.js';
import { fitMessage } from './slack-limits.js';
import type { SlackWebClient } from './web-client.js';

const Posted = z.object({ ts: z.string(), channel: z.string().optional() });

/**
 * SlackPoster over a bot-token WebClient. Messages are fitted to Slack's limits; rate limits
 * are handled by the client's retry config (429 + Retry-After); every failure becomes an
 * UpstreamError with service `slack`.
 */
export function createSlackPoster(client: SlackWebClient): SlackPoster {
  async function call(method: string, args: Record<string, unknown>): Promise<unknown> {
    try {
      return await client.apiCall(method, args);
    } catch (error) {
      throw toSlackError(error, method);
    }
  }

  return {
    async post(channel: string, message: Message, threadTs?: string): Promise<MessageRef> {
      const result = Posted.parse(await call('chat.postMessage', { channel, ...fitMessage(message), thread_ts: threadTs }));
      return { channel: result.channel ?? channel, ts: result.ts };
    },

    async update(ref: MessageRef, message: Message): Promise<void> {
      await call('chat.update', { channel: ref.channel, ts: ref.ts, ...fitMessage(message) });
    },

    async postEphemeral(channel: string, user: string, message: Message, threadTs?: string): Promise<void> {
      await call('chat.postEphemeral', { channel, user, ...fitMessage(message), thread_ts: threadTs });
    },

    async uploadSnippet(channel, threadTs, file): Promise<void> {
      try {
        // `content`, never `file`: the SDK reads a `file` string as a path on disk.
        await client.filesUploadV2({
          channel_id: channel,
          thread_ts: threadTs,
          filename: file.filename,
          title: file.title,
          content: file.content,
          snippet_type: 'text',
        });
      } catch (error) {
        throw toSlackError(error, 'files.uploadV2');
      }
    },
  };
}
