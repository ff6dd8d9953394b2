import type { Logger } from '../../core/ports.js';
import type { OutboxStore } from '../../core/outbox-store.js';
import { createMemoryOutboxStore } from './memory-store.js';

/** Thrown by a task's call when Slack answered 429: the lane holds the bucket and runs the task again. */
export class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited for ${retryAfterMs} ms`);
  }
}

interface Task {
  /** Results and alerts (true) go before progress edits (false). */
  urgent: boolean;
  /** The message a task writes: two tasks of one message never run at once. */
  message: string | undefined;
  run(): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** When the shared store cannot answer, wait this long and ask again. */

/** A wait that does not keep the process alive by itself (a stopped bot exits; a running one has its servers). */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * One scheduler per Slack rate-limit bucket (a method, per channel where Slack counts so): takes
 * a token from the bucket shared by every process before each call, sends urgent writes first,
 * keeps only the latest progress edit of each message (round robin over messages), and on a
 * 429 holds the bucket for Retry-After and sends the same call again.
 */
export class OutboxLane {
  /** The bucket of this process alone, while the shared store cannot answer. */
  private readonly local = createMemoryOutboxStore();
  private readonly urgent: Task[] = [];
  /** Progress edits waiting, one per message, oldest first. */
  private readonly progress = new Map<string, Task>();
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private pumping = false;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly bucket: string,
    private readonly limit: { perMinute: number; burst: number },
    private readonly store: OutboxStore,
    private readonly log: Logger,
    /** Calls at once: 1 where order matters (posts into a channel), a few where each message is kept in order anyway. */
    private readonly maxInFlight: number,
  ) {}

  /** Queues a write; resolves with the call's answer once it was sent. */
  submit<T>(urgent: boolean, message: string | undefined, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (urgent && message !== undefined) this.progress.delete(message);
      const task: Task = { urgent, message, run, resolve: resolve as (value: unknown) => void, reject };
      if (urgent || message === undefined) this.urgent.push(task);
      else {
        // A newer progress edit replaces the one waiting, keeping its place in the round.
        this.progress.get(message)?.resolve(undefined);
        this.progress.set(message, task);
      }
      void this.pump();
    });
  }

  /** Writes waiting or running (progress edits included). */
  pending(): number {
    return this.urgent.length + this.progress.size + this.inFlight;
  }

  /** Resolves once nothing urgent waits or runs. */
  idle(): Promise<void> {
    if (this.urgent.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops the progress edits still waiting (shutdown: the next run renders them again). */
  dropProgress(): void {
    for (const task of this.progress.values()) task.resolve(undefined);
    this.progress.clear();
  }

  private next(): Task | undefined {
    const free = (t: Task) => t.message === undefined || !this.busy.has(t.message);
    const index = this.urgent.findIndex(free);
    if (index >= 0) return this.urgent[index];
    for (const task of this.progress.values()) if (free(task)) return task;
    return undefined;
  }

  private remove(task: Task): void {
    if (!task.urgent && task.message !== undefined && this.progress.get(task.message) === task) this.progress.delete(task.message);
    const index = this.urgent.indexOf(task);
    if (index >= 0) this.urgent.splice(index, 1);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let task = this.next(); task !== undefined && this.inFlight < this.maxInFlight; task = this.next()) {
        let wait: number;
        try {
          wait = await this.store.take(this.bucket, this.limit.perMinute, this.limit.burst);
        } catch (error) {
          // Redis is down: limit this process alone rather than wait for Redis, or nobody would be
          // told anything (not even "try again, the queue is down") until it came back.
          this.log.warn({ err: error, bucket: this.bucket }, 'outbox: rate-limit store unavailable; limiting in this process');
          wait = await this.local.take(this.bucket, this.limit.perMinute, this.limit.burst);
        }
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        // The token is taken: send what is most urgent now (a result may have arrived while waiting).
        const chosen = this.next() ?? task;
        this.remove(chosen);
        this.start(chosen);
      }
    } finally {
      this.pumping = false;
      this.notifyIdle();
    }
  }

  private start(task: Task): void {
    this.inFlight += 1;
    if (task.message !== undefined) this.busy.add(task.message);
    task
      .run()
      .then(
        (value) => task.resolve(value),
        async (error: unknown) => {
          if (!(error instanceof RateLimited)) return task.reject(error);
          this.log.warn({ bucket: this.bucket, retryAfterMs: error.retryAfterMs }, 'outbox: Slack answered 429; holding the bucket');
          await this.store.pause(this.bucket, error.retryAfterMs).catch(() => undefined);
          this.requeue(task);
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        if (task.message !== undefined) this.busy.delete(task.message);
        void this.pump();
      });
  }

  /** A rate-limited task goes back to the front (a progress edit only if no newer one waits). */
  private requeue(task: Task): void {
    if (task.urgent || task.message === undefined) this.urgent.unshift(task);
    else if (!this.progress.has(task.message)) this.progress.set(task.message, task);
    else task.resolve(undefined);
  }

  private notifyIdle(): void {
    if (this.urgent.length > 0 || this.inFlight > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
