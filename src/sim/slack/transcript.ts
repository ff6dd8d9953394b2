import { blocksToLines, mrkdwnToText } from './block-text.js';

/** What a transcript needs of a message; the stand-in's StandInMessage fits. */
export interface TranscriptMessage {
  ts: string;
  user: string;
  username?: string;
  text: string;
  blocks?: readonly object[] | undefined;
  files?: ReadonlyArray<{ filename: string; title: string; content: string }>;
  history?: readonly unknown[];
}

export interface TranscriptOptions {
  /** Snippet lines shown before "… N more lines". Default 40. */
  maxSnippetLines?: number;
}

function clock(ts: string): string {
  const seconds = Number(ts.split('.')[0]);
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().slice(11, 19) : ts;
}

function snippet(file: { filename: string; title: string; content: string }, max: number): string[] {
  const lines = file.content.replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, max).map((line) => `    ${line}`);
  if (lines.length > max) shown.push(`    … ${lines.length - max} more lines`);
  const name = file.title === file.filename ? file.filename : `${file.title} (${file.filename})`;
  return [`📎 ${name}`, ...shown];
}

function renderMessage(message: TranscriptMessage, options: Required<TranscriptOptions>): string[] {
  const edits = message.history?.length ?? 0;
  const header = `${clock(message.ts)}  ${message.username ?? message.user}${edits > 0 ? `  (edited ${edits}×)` : ''}`;
  const body =
    message.blocks !== undefined && message.blocks.length > 0 ? blocksToLines(message.blocks) : mrkdwnToText(message.text).split('\n');
  const files = (message.files ?? []).flatMap((file) => snippet(file, options.maxSnippetLines));
  return [header, ...[...body.filter((line, i) => line !== '' || i > 0), ...files].map((line) => `  ${line}`)];
}

/**
 * A thread (root first, as `standIn.thread(channel, ts)` returns it) as readable text:
 * author and UTC time per message, blocks flattened (sections, fields, context, buttons),
 * snippets as indented code. Replies are marked with `↳` and indented.
 */
export function renderTranscript(thread: readonly TranscriptMessage[], options: TranscriptOptions = {}): string {
  const resolved = { maxSnippetLines: options.maxSnippetLines ?? 40 };
  return thread
    .flatMap((message, index) => {
      const lines = renderMessage(message, resolved);
      return index === 0 ? lines : lines.map((line, i) => (i === 0 ? `  ↳ ${line}` : `    ${line}`));
    })
    .join('\n');
}

/** Ephemeral answers (as `standIn.ephemerals(channel)` returns them), marked as visible to one user. */
export function renderEphemerals(
  ephemerals: ReadonlyArray<{ user: string; text: string; blocks?: readonly object[] | undefined; at: number }>,
): string {
  return ephemerals
    .flatMap((e) => {
      const body = e.blocks !== undefined && e.blocks.length > 0 ? blocksToLines(e.blocks) : mrkdwnToText(e.text).split('\n');
      return [`${new Date(e.at).toISOString().slice(11, 19)}  (only visible to ${e.user})`, ...body.map((line) => `  ${line}`)];
    })
    .join('\n');
}
