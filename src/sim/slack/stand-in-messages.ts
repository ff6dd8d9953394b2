import type { ApiResult, StandInDirectory } from './stand-in-directory.js';
import type { MessageVersion, StandInEphemeral, StandInFile, StandInMessage, StandInView } from './stand-in-types.js';

type Mutable = { -readonly [K in keyof StandInMessage]: StandInMessage[K] };

export interface BotIdentity {
  userId: string;
  botId: string;
  name: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const blocksOf = (value: unknown): object[] | undefined => (Array.isArray(value) ? (value as object[]) : undefined);

/** Channels, threads, ephemerals, files and views of the stand-in, and the methods that change them. */
export class StandInMessages {
  readonly messages: Mutable[] = [];
  readonly ephemerals: StandInEphemeral[] = [];
  readonly files = new Map<string, StandInFile & { uploaded: boolean }>();
  readonly views: StandInView[] = [];
  private lastMicros = 0;
  private nextId = 1;

  constructor(
    private readonly now: () => number,
    private readonly bot: BotIdentity,
    private readonly directory: StandInDirectory,
  ) {}

  /** Slack ts: epoch seconds with six digits of micros, strictly increasing. */
  private ts(): string {
    this.lastMicros = Math.max(this.now() * 1000, this.lastMicros + 1);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  id(prefix: string): string {
    return `${prefix}0${String(this.nextId++).padStart(8, '0')}`;
  }

  find(channel: string, ts: string): Mutable | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** Posts as the bot; DMs (a user id as channel) land in `D<id>`. */
  post(
    channel: string,
    text: string,
    blocks: readonly object[] | undefined,
    threadTs?: string,
    files: StandInFile[] = [],
    metadata?: Record<string, unknown>,
  ): Mutable {
    const target = /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
    const parent = threadTs === undefined ? undefined : this.find(target, threadTs);
    const message: Mutable = {
      channel: target,
      ts: this.ts(),
      threadTs: parent?.threadTs ?? parent?.ts ?? threadTs,
      user: this.bot.userId,
      username: this.bot.name,
      text,
      blocks,
      files,
      at: this.now(),
      history: [],
      metadata,
    };
    this.messages.push(message);
    return message;
  }

  private wire(m: Mutable, withMetadata = false): Record<string, unknown> {
    const base = { type: 'message', user: m.user, bot_id: this.bot.botId, text: m.text, blocks: m.blocks, ts: m.ts, thread_ts: m.threadTs };
    // A file share carries its files (conversations.history / .replies list them on the message).
    const files = m.files.map((f) => ({ id: f.id, name: f.filename, title: f.title, mimetype: 'text/plain' }));
    const wire = files.length === 0 ? base : { ...base, files };
    return withMetadata && m.metadata !== undefined ? { ...wire, metadata: m.metadata } : wire;
  }

  private writable(channel: string | undefined): ApiResult | undefined {
    if (channel === undefined) return { ok: false, error: 'channel_not_found' };
    if (/^[UW]/.test(channel)) return undefined;
    const known = this.directory.channel(channel);
    if (known === undefined) return { ok: false, error: 'channel_not_found' };
    if (known.botIsMember === false) return { ok: false, error: 'not_in_channel' };
    return undefined;
  }

  postMessage(body: Record<string, unknown>): ApiResult {
    const channel = str(body['channel']);
    const refused = this.writable(channel);
    if (refused !== undefined || channel === undefined) return refused ?? { ok: false, error: 'channel_not_found' };
    const text = str(body['text']) ?? '';
    const blocks = blocksOf(body['blocks']);
    if (text === '' && blocks === undefined) return { ok: false, error: 'no_text' };
    const metadata = body['metadata'];
    const meta = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : undefined;
    const message = this.post(channel, text, blocks, str(body['thread_ts']), [], meta);
    return { ok: true, channel: message.channel, ts: message.ts, message: this.wire(message) };
  }

  /** conversations.history: a channel's top-level messages, newest first, within `oldest`..`latest`, paged by `cursor`. */
  history(body: Record<string, unknown>): ApiResult {
    const channel = str(body['channel']);
    if (channel === undefined || this.directory.channel(channel) === undefined) return { ok: false, error: 'channel_not_found' };
    const found = this.messages.filter((m) => m.channel === channel && (m.threadTs === undefined || m.threadTs === m.ts));
    return this.page(found.reverse(), body);
  }

  /** conversations.replies: a thread's root then its replies, oldest first. */
  replies(body: Record<string, unknown>): ApiResult {
    const channel = str(body['channel']);
    const ts = str(body['ts']);
    if (channel === undefined || this.directory.channel(channel) === undefined) return { ok: false, error: 'channel_not_found' };
    const root = ts === undefined ? undefined : this.find(channel, ts);
    if (root === undefined) return { ok: false, error: 'thread_not_found' };
    const rootTs = root.threadTs ?? root.ts;
    return this.page(
      this.messages.filter((m) => m.channel === channel && (m.ts === rootTs || m.threadTs === rootTs)),
      body,
    );
  }

  private page(found: readonly Mutable[], body: Record<string, unknown>): ApiResult {
    const oldest = Number(str(body['oldest']) ?? '0');
    const latest = Number(str(body['latest']) ?? 'Infinity');
    const inRange = found.filter((m) => Number(m.ts) >= oldest && Number(m.ts) <= latest);
    const limit = Math.min(Math.max(Number(body['limit'] ?? 100) || 100, 1), 999);
    const start = Number(str(body['cursor']) ?? '0') || 0;
    const withMetadata = body['include_all_metadata'] === true || body['include_all_metadata'] === 'true';
    const shown = inRange.slice(start, start + limit).map((m) => this.wire(m, withMetadata));
    const more = start + limit < inRange.length;
    return { ok: true, messages: shown, has_more: more, response_metadata: { next_cursor: more ? String(start + limit) : '' } };
  }

  update(body: Record<string, unknown>): ApiResult {
    const channel = str(body['channel']);
    const ts = str(body['ts']);
    const message = channel === undefined || ts === undefined ? undefined : this.find(channel, ts);
    if (message === undefined) return { ok: false, error: 'message_not_found' };
    if (message.user !== this.bot.userId) return { ok: false, error: 'cant_update_message' };
    const previous: MessageVersion = { text: message.text, blocks: message.blocks, at: message.at };
    message.history = [...message.history, previous];
    message.text = str(body['text']) ?? message.text;
    message.blocks = blocksOf(body['blocks']) ?? message.blocks;
    message.at = this.now();
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text, message: this.wire(message) };
  }

  postEphemeral(body: Record<string, unknown>, via: StandInEphemeral['via'] = 'chat.postEphemeral'): ApiResult {
    const channel = str(body['channel']);
    const user = str(body['user']);
    const refused = this.writable(channel);
    if (refused !== undefined || channel === undefined) return refused ?? { ok: false, error: 'channel_not_found' };
    if (user === undefined) return { ok: false, error: 'user_not_in_channel' };
    const text = str(body['text']) ?? '';
    const blocks = blocksOf(body['blocks']);
    if (text === '' && blocks === undefined) return { ok: false, error: 'no_text' };
    this.ephemerals.push({ channel, user, text, blocks, threadTs: str(body['thread_ts']), at: this.now(), via });
    return { ok: true, message_ts: this.ts() };
  }

  viewsOpen(body: Record<string, unknown>): ApiResult {
    const triggerId = str(body['trigger_id']);
    const view = body['view'];
    if (triggerId === undefined || typeof view !== 'object' || view === null) return { ok: false, error: 'invalid_arguments' };
    const opened: StandInView = { id: this.id('V'), triggerId, view: view as Record<string, unknown>, at: this.now() };
    this.views.push(opened);
    return {
      ok: true,
      view: { ...opened.view, id: opened.id, team_id: this.directory.teamId, state: { values: {} }, hash: `${opened.at}.x` },
    };
  }

  getUploadUrl(body: Record<string, unknown>, baseUrl: string): ApiResult {
    const filename = str(body['filename']);
    const length = Number(body['length']);
    if (filename === undefined || !Number.isInteger(length) || length < 0) return { ok: false, error: 'invalid_arguments' };
    const id = this.id('F');
    this.files.set(id, {
      id,
      filename,
      title: filename,
      content: '',
      channel: undefined,
      threadTs: undefined,
      at: this.now(),
      uploaded: false,
    });
    return { ok: true, upload_url: `${baseUrl}upload/${id}`, file_id: id };
  }

  receiveUpload(id: string, content: string): boolean {
    const file = this.files.get(id);
    if (file === undefined) return false;
    file.content = content;
    file.uploaded = true;
    return true;
  }

  completeUpload(body: Record<string, unknown>): ApiResult {
    const entries = Array.isArray(body['files']) ? (body['files'] as Array<{ id?: unknown; title?: unknown }>) : [];
    const files = entries.map((entry) => (typeof entry.id === 'string' ? this.files.get(entry.id) : undefined));
    if (files.length === 0 || files.some((f) => f === undefined || !f.uploaded)) return { ok: false, error: 'file_not_found' };
    const channel = str(body['channel_id']);
    if (channel !== undefined) {
      const refused = this.writable(channel);
      if (refused !== undefined) return refused;
    }
    const threadTs = str(body['thread_ts']);
    const done: StandInFile[] = files.flatMap((file, i) => {
      if (file === undefined) return [];
      const title = entries[i]?.title;
      file.title = typeof title === 'string' && title !== '' ? title : file.filename;
      file.channel = channel;
      file.threadTs = threadTs;
      return [{ id: file.id, filename: file.filename, title: file.title, content: file.content, channel, threadTs, at: this.now() }];
    });
    if (channel !== undefined) this.post(channel, str(body['initial_comment']) ?? '', blocksOf(body['blocks']), threadTs, done);
    return { ok: true, files: done.map((f) => ({ id: f.id, name: f.filename, title: f.title, mimetype: 'text/plain' })) };
  }
}
