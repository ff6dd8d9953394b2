import { z } from 'zod';

const UploadUrl = z.object({ upload_url: z.string(), file_id: z.string() });

export interface SnippetFile {
  filename: string;
  title: string;
  content: string;
}

/** How an upload reaches Slack: Web API calls through the outbox, and the bytes to the URL Slack gave. */
export interface UploadCalls {
  /** `retry`: whether an unclear outcome may be sent again (true only where nothing shows in Slack). */
  api(
    method: 'files.getUploadURLExternal' | 'files.completeUploadExternal',
    args: Record<string, unknown>,
    retry: boolean,
  ): Promise<unknown>;
  put(url: string, content: string): Promise<void>;
}

/**
 * Slack's upload flow (what the SDK's files.uploadV2 does,
 * https://docs.slack.dev/messaging/working-with-files#upload) in its three steps, so that the
 * file's id is known before the one step that shows it in the thread: `beforeShare` records it,
 * and an upload whose share had no clear answer is found again by that id. Returns the file id.
 */
export async function uploadSnippet(
  calls: UploadCalls,
  where: { channel: string; threadTs: string },
  file: SnippetFile,
  beforeShare: (fileId: string) => Promise<void>,
): Promise<string> {
  const length = Buffer.byteLength(file.content, 'utf8');
  const args = { filename: file.filename, length, snippet_type: 'text' };
  const { upload_url: url, file_id: fileId } = UploadUrl.parse(await calls.api('files.getUploadURLExternal', args, true));
  await calls.put(url, file.content);
  await beforeShare(fileId);
  const share = { files: [{ id: fileId, title: file.title }], channel_id: where.channel, thread_ts: where.threadTs };
  await calls.api('files.completeUploadExternal', share, false);
  return fileId;
}

/** Whether a message as conversations.history / .replies return it shares the file. */
export function sharesFile(message: unknown, fileId: string): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const files = (message as { files?: unknown }).files;
  return Array.isArray(files) && files.some((f: unknown) => typeof f === 'object' && f !== null && (f as { id?: unknown }).id === fileId);
}
