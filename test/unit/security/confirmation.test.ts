import { BotError } from '../../../src/core/errors.js';
import { createConfirmation, deriveConfirmationSecret, MAX_BUTTON_VALUE_LENGTH } from '../../../src/security/confirmation.js';
import type { ConfirmationRequest } from '../../../src/core/confirmation.js';
import { createMemorySingleUse } from '../../helpers/memory-single-use.js';
import { fakeClock } from './fakes.js';

const SECRET = 'test-confirmation-secret-0123456789';
const REQUEST: ConfirmationRequest = {
  action: 'cluster-delete',
  params: { clusterUuid: '9f1c6a3e-4a7b-4a65-9b6f-2b0e7f0e7c11', cluster: 'dev-a' },
  requester: 'U0ALICE',
  channelId: 'C0TEAMA',
  ttlMs: 5 * 60_000,
};

function setup() {
  const clock = fakeClock();
  const confirmations = createConfirmation({ secret: SECRET, clock, singleUse: createMemorySingleUse(clock) });
  return { clock, confirmations };
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

function reencode(token: string, payload: Record<string, unknown>): string {
  const [version, , signature] = token.split('.');
  return `${version}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

describe('confirmations', () => {
  it('verifies a fresh token for the requester and returns what was asked', () => {
    const { clock, confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    const result = confirmations.verify(token, { userId: 'U0ALICE', isAdmin: false });
    expect(result.ok).toEqual(true);
    if (!result.ok) return;
    expect(result.claim).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      action: 'cluster-delete',
      params: REQUEST.params,
      requester: 'U0ALICE',
      channelId: 'C0TEAMA',
      issuedAt: clock.now(),
      expiresAt: clock.now() + REQUEST.ttlMs,
    });
  });

  it('fits in a button value and holds nothing but the request', () => {
    const { confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    expect(token.length).toBeLessThan(MAX_BUTTON_VALUE_LENGTH);
    expect(token).not.toContain(SECRET);
    expect(Object.keys(decodePayload(token)).sort()).toEqual(['a', 'c', 'e', 'i', 'p', 'r', 't']);
  });

  it('hands back the claim at issue time, equal to what verify later returns', () => {
    const { confirmations } = setup();
    const { token, claim } = confirmations.issueWithClaim(REQUEST);
    expect(confirmations.verify(token, { userId: 'U0ALICE', isAdmin: false })).toEqual({ ok: true, claim });
  });

  it('gives each confirmation its own id', () => {
    const { confirmations } = setup();
    const ids = [confirmations.issue(REQUEST), confirmations.issue(REQUEST)].map((t) => decodePayload(t)['i']);
    expect(ids[0]).not.toEqual(ids[1]);
  });

  it('refuses an expired token', () => {
    const { clock, confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    clock.advance(REQUEST.ttlMs - 1);
    expect(confirmations.verify(token, { userId: 'U0ALICE', isAdmin: false }).ok).toEqual(true);
    clock.advance(1);
    expect(confirmations.verify(token, { userId: 'U0ALICE', isAdmin: false })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret', () => {
    const { clock, confirmations } = setup();
    const other = createConfirmation({ secret: 'another-secret-that-is-long-enough', clock });
    expect(confirmations.verify(other.issue(REQUEST), { userId: 'U0ALICE', isAdmin: false })).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a token whose params were changed after signing', () => {
    const { confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    const payload = decodePayload(token);
    const tampered = reencode(token, { ...payload, p: { ...REQUEST.params, cluster: 'prod-db' } });
    expect(confirmations.verify(tampered, { userId: 'U0ALICE', isAdmin: false })).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a token whose requester or expiry was changed after signing', () => {
    const { confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    const payload = decodePayload(token);
    const asBob = reencode(token, { ...payload, r: 'U0BOB' });
    const later = reencode(token, { ...payload, e: Number(payload['e']) + 3_600_000 });
    expect(confirmations.verify(asBob, { userId: 'U0BOB', isAdmin: false })).toEqual({ ok: false, reason: 'forged' });
    expect(confirmations.verify(later, { userId: 'U0ALICE', isAdmin: false })).toEqual({ ok: false, reason: 'forged' });
  });

  it.each(['', 'garbage', 'kc1.a.b', 'kc2.x.y', 'kc1..', 'x'.repeat(5000)])('refuses the malformed token %#', (token) => {
    const { confirmations } = setup();
    expect(confirmations.verify(token, { userId: 'U0ALICE', isAdmin: false })).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a signature with trailing junk', () => {
    const { confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    expect(confirmations.verify(`${token}A`, { userId: 'U0ALICE', isAdmin: false })).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses another user', () => {
    const { confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    expect(confirmations.verify(token, { userId: 'U0BOB', isAdmin: false })).toEqual({ ok: false, reason: 'not_requester' });
  });

  it('lets an admin confirm on the requester behalf', () => {
    const { confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    const result = confirmations.verify(token, { userId: 'U0ADMIN', isAdmin: true });
    expect(result.ok && result.claim.requester).toEqual('U0ALICE');
  });

  it('redeems a token once only', async () => {
    const { confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    expect((await confirmations.redeem(token, { userId: 'U0ALICE', isAdmin: false })).ok).toEqual(true);
    expect(await confirmations.redeem(token, { userId: 'U0ALICE', isAdmin: false })).toEqual({ ok: false, reason: 'already_used' });
    expect(await confirmations.redeem(token, { userId: 'U0ADMIN', isAdmin: true })).toEqual({ ok: false, reason: 'already_used' });
  });

  it('does not use up the token when someone else clicks first', async () => {
    const { confirmations } = setup();
    const token = confirmations.issue(REQUEST);
    expect(await confirmations.redeem(token, { userId: 'U0BOB', isAdmin: false })).toEqual({ ok: false, reason: 'not_requester' });
    expect((await confirmations.redeem(token, { userId: 'U0ALICE', isAdmin: false })).ok).toEqual(true);
  });

  it('refuses to redeem without a single-use store', async () => {
    const confirmations = createConfirmation({ secret: SECRET, clock: fakeClock() });
    await expect(confirmations.redeem(confirmations.issue(REQUEST), { userId: 'U0ALICE', isAdmin: false })).rejects.toThrow(BotError);
  });

  it('refuses to build a token too big for a button or with odd params', () => {
    const { confirmations } = setup();
    const huge = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x'.repeat(200)]));
    expect(() => confirmations.issue({ ...REQUEST, params: huge })).toThrow(BotError);
    expect(() => confirmations.issue({ ...REQUEST, params: { note: 'x'.repeat(300) } })).toThrow(BotError);
    expect(() => confirmations.issue({ ...REQUEST, action: 'Delete Cluster' })).toThrow(BotError);
    expect(() => confirmations.issue({ ...REQUEST, ttlMs: 0 })).toThrow(BotError);
  });

  it('refuses a short secret and derives a distinct key from a root secret', () => {
    expect(() => createConfirmation({ secret: 'short', clock: fakeClock() })).toThrow(BotError);
    const derived = deriveConfirmationSecret('slack-signing-secret');
    expect(derived).toHaveLength(32);
    expect(derived.toString('utf8')).not.toContain('slack-signing-secret');
    expect(deriveConfirmationSecret('slack-signing-secret')).toEqual(derived);
  });
});
