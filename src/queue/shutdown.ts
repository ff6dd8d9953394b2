import type { Logger } from '../core/ports.js';
import { withDeadline } from '../core/deadline.js';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/** Shorter than Kubernetes' default 30 s grace period, so we exit before SIGKILL. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

/** The part of `process` the helper listens on (tests pass an EventEmitter). */
export interface SignalSource {
  on(signal: ShutdownSignal, listener: () => void): unknown;
  off(signal: ShutdownSignal, listener: () => void): unknown;
}

export interface ShutdownOptions {
  timeoutMs?: number;
  source?: SignalSource;
  exit?: (code: number) => void;
}

export interface ShutdownControl {
  /** Runs the handlers once (also what a signal does); later calls share the first run. */
  shutdown(reason: string): Promise<void>;
  /** Stops listening for signals. */
  dispose(): void;
}

/**
 * On the first SIGTERM or SIGINT, runs `handlers` in order (each failure logged, the rest
 * still run) within `timeoutMs`, then exits: 0 when all closed cleanly, 1 otherwise.
 * A second signal while closing exits at once.
 */
export function onShutdownSignals(
  handlers: ReadonlyArray<() => Promise<void>>,
  logger: Logger,
  options: ShutdownOptions = {},
): ShutdownControl {
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const log = logger.child({ component: 'shutdown' });
  let running: Promise<void> | undefined;

  const runHandlers = async (): Promise<boolean> => {
    let clean = true;
    for (const [index, handler] of handlers.entries()) {
      try {
        await handler();
      } catch (error) {
        clean = false;
        log.error({ step: index, err: error instanceof Error ? error.message : String(error) }, 'shutdown step failed');
      }
    }
    return clean;
  };

  const shutdown = (reason: string): Promise<void> => {
    running ??= (async () => {
      log.info({ reason, timeoutMs }, 'shutting down');
      let code: number;
      try {
        const clean = await withDeadline(runHandlers(), timeoutMs, () => new Error('shutdown timed out'));
        code = clean ? 0 : 1;
      } catch {
        log.error({ timeoutMs }, 'shutdown timed out, exiting anyway');
        code = 1;
      }
      dispose();
      exit(code);
    })();
    return running;
  };

  const onSignal = (signal: ShutdownSignal) => () => {
    if (running !== undefined) {
      log.warn({ signal }, 'second signal during shutdown, exiting now');
      exit(1);
      return;
    }
    void shutdown(signal);
  };
  const listeners = SHUTDOWN_SIGNALS.map((signal) => [signal, onSignal(signal)] as const);
  for (const [signal, listener] of listeners) source.on(signal, listener);

  function dispose(): void {
    for (const [signal, listener] of listeners) source.off(signal, listener);
  }

  return { shutdown, dispose };
}
