/** The shapes the Slack stand-in records and hands to tests, the demo and the transcript. */
import type { BlockActionInput, SlashCommandInput, ViewSubmissionInput } from './slack-wire-payloads.js';

/** One request the stand-in received. `method` is the Web API method, or `upload_url` / `response_url`. */
export interface RecordedCall {
  method: string;
  /** The parsed body: form fields (JSON-valued ones like `blocks` decoded) or the JSON body. */
  body: Record<string, unknown>;
  /** Epoch ms (the stand-in's clock). */
  at: number;
  /** The HTTP status answered (429 when over Slack's rate limit); undefined until answered. */
  status?: number;
}

export interface MessageVersion {
  text: string;
  blocks: readonly object[] | undefined;
  at: number;
}

export interface StandInFile {
  id: string;
  filename: string;
  title: string;
  content: string;
  channel: string | undefined;
  threadTs: string | undefined;
  at: number;
}

/** A message as it stands now; `history` holds its earlier versions, oldest first. */
export interface StandInMessage {
  channel: string;
  ts: string;
  /** The root's ts for replies; undefined for top-level messages. */
  threadTs: string | undefined;
  user: string;
  username: string;
  text: string;
  blocks: readonly object[] | undefined;
  files: readonly StandInFile[];
  at: number;
  history: readonly MessageVersion[];
  /** Message metadata as posted (`event_type`, `event_payload`), returned by conversations.history/replies with include_all_metadata. */
  metadata: Record<string, unknown> | undefined;
}

export interface StandInEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks: readonly object[] | undefined;
  threadTs: string | undefined;
  at: number;
  via: 'chat.postEphemeral' | 'response_url';
}

export interface StandInView {
  id: string;
  triggerId: string;
  view: Record<string, unknown>;
  at: number;
}

export interface StandInUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  isAdmin?: boolean;
  isBot?: boolean;
  /** Multi-channel guest. */
  isRestricted?: boolean;
  /** Single-channel guest. */
  isUltraRestricted?: boolean;
  deleted?: boolean;
}

export interface StandInChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** When false, chat.postMessage answers `not_in_channel`. Default true. */
  botIsMember?: boolean;
}

/** What waitFor resolves with: the probe's value once it is not undefined, null or false. */
export type Met<T> = Exclude<T, undefined | null | false>;

/** A failure to serve instead of the next call of a method. */
export type InjectedFailure =
  | { status: number; retryAfter?: number }
  | { error: string }
  /** Does the call, then drops the connection without an answer (an accepted post whose answer is lost). */
  | { acceptThenDrop: true }
  /** Does the call, then answers only after this long (an accepted post answered after the client stopped waiting). */
  | { acceptThenAnswerAfterMs: number };

export interface SlackStandInOptions {
  port?: number;
  /** The only bot token accepted; default `xoxb-stand-in`. */
  botToken?: string;
  /** The app-level token `apps.connections.open` (Socket Mode) accepts; default `xapp-1-A0STANDIN-1-stand-in`. */
  appToken?: string;
  /** Epoch ms for ts and `at`; default Date.now (pass the SimClock in the demo). */
  now?: () => number;
  users?: readonly StandInUser[];
  channels?: readonly StandInChannel[];
  usergroups?: Readonly<Record<string, readonly string[]>>;
  /**
   * Slack's rate limits (src/core/slack-tiers.ts) times this factor: 1 (the default) is Slack's
   * real tiers, 0 turns them off; a run that accelerates simulated time raises it by as much.
   */
  rateLimitScale?: number;
}

/** A local Slack: the Web API methods the bot uses, an upload URL and response_urls. */
export interface SlackStandIn {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** `<url>api/`: what SLACK_API_URL should be. */
  readonly apiUrl: string;
  readonly port: number;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  /** Every request, in arrival order. */
  readonly calls: readonly RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Web API calls answered 429 (over Slack's rate limit or injected). */
  rateLimited(): RecordedCall[];
  /** Top-level messages of a channel, oldest first (current versions). */
  messages(channel: string): StandInMessage[];
  /** Root then replies, oldest first, updates applied (earlier versions in `history`). */
  thread(channel: string, ts: string): StandInMessage[];
  ephemerals(channel: string): StandInEphemeral[];
  /** Files shared into a channel (completed uploads). */
  files(channel: string): StandInFile[];
  views(): StandInView[];
  /** A response_url for a payload from `user` in `channel` (5 uses, like Slack's). */
  responseUrl(channel: string, user: string): string;
  addUser(user: StandInUser): void;
  setUsergroup(id: string, members: readonly string[]): void;
  addChannel(channel: StandInChannel): void;
  /**
   * Serves `failure` instead of the next `times` calls of `method` (`upload_url` and `response_url`
   * too); with `when`, only calls whose parsed body it accepts (a post into a thread, say).
   */
  failNext(method: string, failure: InjectedFailure, times?: number, when?: (body: Record<string, unknown>) => boolean): void;
  /**
   * Resolves with the probe's first value other than undefined, null or false; rejects after
   * `timeoutMs` naming the last calls. The probe answers synchronously (a Promise is refused).
   */
  waitFor<T>(probe: () => T extends PromiseLike<unknown> ? never : T, timeoutMs?: number): Promise<Met<T>>;
  /** Whether a Socket Mode app is connected. */
  socketConnected(): boolean;
  /** Pushes a slash command over Socket Mode; resolves with the app's ack payload. */
  socketSlashCommand(input: SlashCommandInput): Promise<unknown>;
  socketBlockAction(input: BlockActionInput): Promise<unknown>;
  socketViewSubmission(input: ViewSubmissionInput): Promise<unknown>;
  close(): Promise<void>;
}
