/**
 * What the Slack outbox keeps outside the process (src/queue implements it over Redis), so that
 * every process of the bot shares one view of Slack's limits and a post is sent once across
 * retries and restarts.
 */

/** A keyed post: `sending` from just before the call until Slack's answer gives its ts. */
export interface PostRecord {
  state: 'sending' | 'sent';
  channel: string;
  threadTs?: string | undefined;
  ts?: string | undefined;
  /** Epoch ms of the first attempt (a lookup of an unclear attempt searches from there). */
  since: number;
  /** A keyed upload: the file's id, recorded before it is shared (a lookup finds the share by it). */
  fileId?: string | undefined;
}

export interface OutboxStore {
  /**
   * Takes one call from a token bucket (`perMinute` refill, `burst` size) shared by every process:
   * 0 when taken, else how many ms to wait before asking again (a pause set by `pause` included).
   */
  take(bucket: string, perMinute: number, burst: number): Promise<number>;
  /** Holds a bucket for `ms` (Slack's Retry-After). */
  pause(bucket: string, ms: number): Promise<void>;
  getPost(key: string): Promise<PostRecord | null>;
  /**
   * In one step (one Redis round trip): the record of `key` when there is one, else null after
   * recording `intent` (what getPost then putPost would do for a post not made before).
   */
  beginPost(key: string, intent: PostRecord): Promise<PostRecord | null>;
  /** Records a post (its intent before the call, its ts after). */
  putPost(key: string, record: PostRecord): Promise<void>;
  /** Forgets a post Slack refused (it was not sent, a later attempt may post). */
  deletePost(key: string): Promise<void>;
}
