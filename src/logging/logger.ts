import { pino, type DestinationStream } from 'pino';
import type { Logger } from '../core/ports.js';

/** Paths pino blanks wherever they appear in a log line's metadata. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers.authorization',
  '*.headers["x-auth-token"]',
  '*.headers["x-subject-token"]',
  '*.headers.authorization',
  'kubeconfig',
  '*.kubeconfig',
  'clientKey',
  '*.clientKey',
  'botToken',
  'signingSecret',
  'appToken',
];

/** Creates the root logger; `destination` lets tests capture lines. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'kube-chatops' } };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that drops everything (unit tests, library use). */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
