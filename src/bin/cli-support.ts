import { BotError, UpstreamError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';

/** Where a shell command writes; tests pass collectors. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Shell commands log nothing by default: stdout carries the answer (JSON for `--json`). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** The one-line error the openstack CLI prints: `Cluster nope could not be found (HTTP 404) (Request-ID: req-...)`. */
export function cliErrorLine(error: unknown): string {
  const upstream =
    error instanceof UpstreamError ? error : error instanceof Error && error.cause instanceof UpstreamError ? error.cause : undefined;
  if (upstream && upstream.status !== undefined) {
    const text = upstream.upstreamMessage ?? (error instanceof BotError ? error.userMessage : upstream.userMessage);
    return `${text} (HTTP ${upstream.status})${upstream.requestId ? ` (Request-ID: ${upstream.requestId})` : ''}`;
  }
  if (error instanceof BotError) return error.userMessage;
  return error instanceof Error ? error.message : String(error);
}
