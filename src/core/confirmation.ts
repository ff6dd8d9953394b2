/**
 * Confirmation buttons, as commands and jobs see them: a job issues one for a destructive or
 * risky request, the button's action redeems it once. security/confirmation.ts implements it.
 */

/**
 * What the confirmed request needs, as JSON; each request type's schema in src/core/requests/
 * reads it back. It rides in the button's value: keep it small.
 */
export type ConfirmationParams = Readonly<Record<string, unknown>>;

export interface ConfirmationRequest {
  action: string;
  params: ConfirmationParams;
  requester: string;
  channelId: string;
  ttlMs: number;
}

export interface ConfirmationClaim {
  /** Unique per confirmation: the single-use key, and a good deterministic job id. */
  id: string;
  action: string;
  params: ConfirmationParams;
  requester: string;
  channelId: string;
  issuedAt: number;
  expiresAt: number;
}

export type VerifyFailure = 'expired' | 'forged' | 'not_requester';
export type VerifyResult = { ok: true; claim: ConfirmationClaim } | { ok: false; reason: VerifyFailure };
export type RedeemResult = VerifyResult | { ok: false; reason: 'already_used' | 'forgotten' };

/**
 * What a claim found: `first` the first time only, across every process; `used` after that;
 * `forgotten` when the thing claimed was made (`madeAtMs`) before the store's memory began (a
 * Redis restarted without persistence), so it cannot tell whether it was used: refused too.
 */
export type ClaimResult = 'first' | 'used' | 'forgotten';

/** Marks an id as used. */
export interface SingleUse {
  claim(id: string, ttlMs: number, madeAtMs?: number): Promise<ClaimResult>;
}

export interface ConfirmationClicker {
  userId: string;
  isAdmin: boolean;
}

export interface Confirmations {
  /** A signed, compact token for a button's value. */
  issue(request: ConfirmationRequest): string;
  /** issue, also returning the claim (its id can serve as job id and audit jobId from the start). */
  issueWithClaim(request: ConfirmationRequest): { token: string; claim: ConfirmationClaim };
  /** Checks signature, expiry and who clicked; does not consume the token. */
  verify(token: string, clicker: ConfirmationClicker): VerifyResult;
  /** verify, then consume: a second redeem of the same token answers `already_used`. */
  redeem(token: string, clicker: ConfirmationClicker): Promise<RedeemResult>;
}
