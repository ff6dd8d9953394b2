import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { BotError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import type {
  ConfirmationClaim,
  ConfirmationClicker,
  ConfirmationRequest,
  Confirmations,
  SingleUse,
  VerifyResult,
} from '../core/confirmation.js';

/** Slack's limit on a button's `value`. */
export const MAX_BUTTON_VALUE_LENGTH = 2000;

const VERSION = 'kc1';
const ACTION = /^[a-z][a-z0-9-]{0,63}$/;
const PARAM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const MAX_PARAM_STRING = 256;
// Keys outlive the button by this much so a clock skew between processes cannot reopen it.
const SINGLE_USE_MARGIN_MS = 60_000;

export interface ConfirmationOptions {
  /** At least 16 bytes; see deriveConfirmationSecret. */
  secret: string | Buffer;
  clock: Clock;
  /** Needed by redeem only. */
  singleUse?: SingleUse;
}

const Payload = z.object({
  i: z.string().min(1),
  a: z.string().regex(ACTION),
  p: z.record(z.string(), z.unknown()),
  r: z.string().min(1),
  c: z.string().min(1),
  t: z.number(),
  e: z.number(),
});

/** Derives the confirmation key from a root secret (e.g. the Slack signing secret) so the two never coincide. */
export function deriveConfirmationSecret(rootSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', rootSecret, '', 'kube-chatops confirmation v1', 32));
}

/** Creates the issuer and checker of confirmation buttons; stateless apart from the single-use port. */
export function createConfirmation(options: ConfirmationOptions): Confirmations {
  const key = typeof options.secret === 'string' ? Buffer.from(options.secret, 'utf8') : options.secret;
  if (key.length < 16) throw new BotError('confirmation_secret_short', 'The confirmation secret must be at least 16 bytes.');
  const sign = (body: string) => createHmac('sha256', key).update(`${VERSION}.${body}`).digest();

  const verify = (token: string, clicker: ConfirmationClicker): VerifyResult => {
    const parts = typeof token === 'string' && token.length <= MAX_BUTTON_VALUE_LENGTH ? token.split('.') : [];
    const [version, body, signature] = parts;
    if (parts.length !== 3 || version !== VERSION || !body || !signature) return { ok: false, reason: 'forged' };
    // Compare the encoded text: base64url decoding is lenient, so decoded bytes could match a mangled string.
    const given = Buffer.from(signature, 'utf8');
    const expected = Buffer.from(sign(body).toString('base64url'), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
    const payload = decode(body);
    if (!payload) return { ok: false, reason: 'forged' };
    if (options.clock.now() >= payload.e) return { ok: false, reason: 'expired' };
    if (clicker.userId !== payload.r && !clicker.isAdmin) return { ok: false, reason: 'not_requester' };
    return {
      ok: true,
      claim: {
        id: payload.i,
        action: payload.a,
        params: payload.p,
        requester: payload.r,
        channelId: payload.c,
        issuedAt: payload.t,
        expiresAt: payload.e,
      },
    };
  };

  const issueWithClaim = (request: ConfirmationRequest): { token: string; claim: ConfirmationClaim } => {
    checkRequest(request);
    const now = options.clock.now();
    const claim: ConfirmationClaim = {
      id: randomBytes(12).toString('base64url'),
      action: request.action,
      params: { ...request.params },
      requester: request.requester,
      channelId: request.channelId,
      issuedAt: now,
      expiresAt: now + request.ttlMs,
    };
    const payload = { i: claim.id, a: claim.action, p: claim.params, r: claim.requester, c: claim.channelId, t: now, e: claim.expiresAt };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    const token = `${VERSION}.${body}.${sign(body).toString('base64url')}`;
    if (token.length > MAX_BUTTON_VALUE_LENGTH) {
      throw new BotError('confirmation_too_large', 'Cannot build the confirmation button: the request is too large.');
    }
    return { token, claim };
  };

  return {
    issue: (request) => issueWithClaim(request).token,
    issueWithClaim,
    verify,
    async redeem(token, clicker) {
      if (!options.singleUse) throw new BotError('confirmation_no_single_use', 'Confirmations cannot be redeemed here.');
      const result = verify(token, clicker);
      if (!result.ok) return result;
      const ttlMs = result.claim.expiresAt - options.clock.now() + SINGLE_USE_MARGIN_MS;
      const claimed = await options.singleUse.claim(`confirmation:${result.claim.id}`, ttlMs, result.claim.issuedAt);
      if (claimed === 'first') return result;
      return { ok: false, reason: claimed === 'forgotten' ? 'forgotten' : 'already_used' };
    },
  };
}

function decode(body: string): z.infer<typeof Payload> | undefined {
  try {
    const parsed = Payload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function checkRequest(request: ConfirmationRequest): void {
  const problems: string[] = [];
  if (!ACTION.test(request.action)) problems.push('action');
  if (!Number.isInteger(request.ttlMs) || request.ttlMs <= 0) problems.push('ttlMs');
  if (!request.requester || !request.channelId) problems.push('requester/channelId');
  for (const [key, value] of Object.entries(request.params)) {
    if (!PARAM_KEY.test(key)) problems.push(`params.${key}`);
    if (typeof value === 'string' && value.length > MAX_PARAM_STRING) problems.push(`params.${key}`);
  }
  if (problems.length > 0) {
    throw new BotError('confirmation_invalid', `Cannot build the confirmation button (bad ${problems.join(', ')}).`);
  }
}
