import type { Logger, Message, MessageRef, PostOptions, SlackPoster } from '../../../src/core/ports.js';

export interface SlackCall {
  kind: 'post' | 'update' | 'ephemeral' | 'snippet';
  channel: string;
  threadTs?: string;
  text: string;
  blocks?: readonly object[];
  file?: { filename: string; title: string; content: string };
}

/**
 * A SlackPoster that records every call; `failSnippets` makes uploads throw; `lateAnswers` posts
 * that many messages and then throws as a late answer would. A keyed post is made once per key,
 * as the outbox makes it.
 */
export class RecordingSlack implements SlackPoster {
  readonly calls: SlackCall[] = [];
  failSnippets = false;
  lateAnswers = 0;
  private ts = 1000;
  private readonly keyed = new Map<string, MessageRef>();

  async post(channel: string, message: Message, threadTs?: string, options?: PostOptions): Promise<MessageRef> {
    const earlier = options?.key === undefined ? undefined : this.keyed.get(options.key);
    if (earlier !== undefined) return earlier;
    this.calls.push({ kind: 'post', channel, threadTs, text: message.text, blocks: message.blocks });
    const ref = { channel, ts: `${this.ts++}.000100` };
    if (options?.key !== undefined) this.keyed.set(options.key, ref);
    if (this.lateAnswers > 0) {
      this.lateAnswers -= 1;
      throw new Error('Slack answered after the client stopped waiting');
    }
    return ref;
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    this.calls.push({ kind: 'update', channel: ref.channel, threadTs: ref.ts, text: message.text, blocks: message.blocks });
  }

  async postEphemeral(channel: string, _user: string, message: Message, threadTs?: string): Promise<void> {
    this.calls.push({ kind: 'ephemeral', channel, threadTs, text: message.text, blocks: message.blocks });
  }

  async uploadSnippet(channel: string, threadTs: string, file: { filename: string; title: string; content: string }): Promise<void> {
    if (this.failSnippets) throw new Error('files.uploadV2 failed');
    this.calls.push({ kind: 'snippet', channel, threadTs, text: file.title, file: { ...file } });
  }

  of(kind: SlackCall['kind']): SlackCall[] {
    return this.calls.filter((c) => c.kind === kind);
  }
}

export interface LogLine {
  level: string;
  meta: object;
  msg: string;
}

/** A Logger that keeps every line (bindings merged into meta) for assertions. */
export class RecordingLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly bindings: Record<string, unknown> = {},
  ) {}

  debug(meta: object, msg: string): void {
    this.lines.push({ level: 'debug', meta: { ...this.bindings, ...meta }, msg });
  }
  info(meta: object, msg: string): void {
    this.lines.push({ level: 'info', meta: { ...this.bindings, ...meta }, msg });
  }
  warn(meta: object, msg: string): void {
    this.lines.push({ level: 'warn', meta: { ...this.bindings, ...meta }, msg });
  }
  error(meta: object, msg: string): void {
    this.lines.push({ level: 'error', meta: { ...this.bindings, ...meta }, msg });
  }
  child(bindings: Record<string, unknown>): Logger {
    return new RecordingLogger(this.lines, { ...this.bindings, ...bindings });
  }
}

/** Retry settings for tests: no real waiting, delays recorded. */
export function recordingRetry(attempts = 4): {
  sleeps: number[];
  retry: { attempts: number; sleep: (ms: number) => Promise<void>; random: () => number };
} {
  const sleeps: number[] = [];
  return { sleeps, retry: { attempts, sleep: async (ms) => void sleeps.push(ms), random: () => 1 } };
}

export const fixedClock = { now: () => Date.UTC(2026, 10, 21, 13, 5, 0) };
