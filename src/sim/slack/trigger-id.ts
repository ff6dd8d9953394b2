import { randomBytes } from 'node:crypto';

/** A trigger id shaped like Slack's (`<digits>.<digits>.<hex>`), unique per call. */
export function fakeTriggerIdShape(): string {
  return `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
}
