/**
 * Keystone v3 tokens: password (project-scoped) or application-credential auth, cached in
 * memory, renewed before expiry, one in-flight authentication shared by concurrent callers.
 */
import { ConfigError, UpstreamError } from '../core/errors.js';
import type { Clock, Logger } from '../core/ports.js';
import type { OpenStackCredentials } from '../config/load-config.js';
import type { HttpClient } from './http-client.js';
import { findEndpoint, type CatalogService, type EndpointFilter } from './catalog.js';
import { TokenBody, type CatalogEntry } from './keystone-schema.js';

export interface Token {
  value: string;
  /** Local epoch ms after which the token is dead (server lifetime, measured from receipt). */
  expiresAt: number;
  lifetimeMs: number;
  projectId: string | null;
  catalog: CatalogEntry[];
}

export interface KeystoneOptions {
  http: HttpClient;
  clock: Clock;
  logger: Logger;
  credentials: OpenStackCredentials;
  /** Renew when less than this remains (default 5 min) ... */
  renewBeforeMs?: number;
  /** ... or less than this share of the token's life (default 0.1), whichever is larger. */
  renewFraction?: number;
}

/** One project's Keystone session. */
export class KeystoneSession {
  private cached: Token | undefined;
  private inFlight: Promise<Token> | undefined;
  private readonly filter: EndpointFilter;

  constructor(private readonly options: KeystoneOptions) {
    this.filter = { interface: options.credentials.interface, region: options.credentials.regionName };
  }

  /** A valid token, from cache or from a fresh authentication. */
  async token(): Promise<Token> {
    const cached = this.cached;
    if (cached && !this.needsRenewal(cached)) return cached;
    this.inFlight ??= this.authenticate().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Drops `token` (a service answered 401) so the next call authenticates again. */
  invalidate(token: Token): void {
    if (this.cached?.value === token.value) this.cached = undefined;
  }

  /** The catalog URL of a service for the configured interface and region. */
  async endpoint(service: CatalogService): Promise<string> {
    return findEndpoint((await this.token()).catalog, service, this.filter);
  }

  private needsRenewal(token: Token): boolean {
    const remaining = token.expiresAt - this.options.clock.now();
    const before = Math.max(this.options.renewBeforeMs ?? 5 * 60_000, token.lifetimeMs * (this.options.renewFraction ?? 0.1));
    // Never more than half the life, or a short-lived token would be renewed on every call.
    return remaining <= Math.min(before, token.lifetimeMs / 2);
  }

  private async authenticate(): Promise<Token> {
    const { credentials, http, clock, logger } = this.options;
    const url = `${identityBase(credentials.authUrl)}/auth/tokens`;
    const receivedAt = clock.now();
    // Issuing a token changes nothing on the server, so a 5xx or a dropped connection is retried.
    const response = await http.send({ service: 'keystone', method: 'POST', url, body: authBody(credentials), retrySafe: true });
    const value = response.headers['x-subject-token'];
    const parsed = TokenBody.safeParse(safeJson(response.text));
    if (!value || !parsed.success) {
      throw new UpstreamError('upstream_bad_response', 'Keystone answered the token request without a token.', {
        service: 'keystone',
        status: response.status,
        requestId: response.headers['x-openstack-request-id'],
        method: 'POST',
        url,
        retryable: false,
      });
    }
    const { token } = parsed.data;
    const lifetimeMs = lifetimeOf(token.expires_at, token.issued_at, receivedAt);
    const fresh: Token = {
      value,
      expiresAt: receivedAt + lifetimeMs,
      lifetimeMs,
      projectId: token.project?.id ?? null,
      catalog: token.catalog,
    };
    this.cached = fresh;
    logger.info(
      { cloud: credentials.cloud, projectId: fresh.projectId, lifetimeS: Math.round(lifetimeMs / 1000) },
      'keystone token issued',
    );
    return fresh;
  }
}

/** `{auth_url}` normalised to the v3 root (`.../v3`). */
export function identityBase(authUrl: string | undefined): string {
  if (!authUrl) throw new ConfigError(['OS_AUTH_URL: no Keystone URL (set OS_AUTH_URL or auth.auth_url in clouds.yaml)']);
  const trimmed = authUrl.replace(/\/+$/, '');
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`;
}

/** The `POST /v3/auth/tokens` body for the configured credential. */
export function authBody(credentials: OpenStackCredentials): object {
  const appCred = credentials.applicationCredential;
  if (appCred) {
    // Keystone rejects a scope with application credentials: the credential carries it.
    return {
      auth: { identity: { methods: ['application_credential'], application_credential: { id: appCred.id, secret: appCred.secret } } },
    };
  }
  const pw = credentials.password;
  if (!pw) throw new ConfigError(['OpenStack credentials: need an application credential or a username and password']);
  const scope = pw.projectId
    ? { project: { id: pw.projectId } }
    : { project: { name: pw.projectName, domain: { name: pw.projectDomainName } } };
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: pw.username, domain: { name: pw.userDomainName }, password: pw.password } },
      },
      scope,
    },
  };
}

function lifetimeOf(expiresAt: string, issuedAt: string | null | undefined, receivedAt: number): number {
  const expires = Date.parse(expiresAt);
  const issued = issuedAt ? Date.parse(issuedAt) : NaN;
  // Measure the lifetime on the server's clock so a skewed local clock does not matter.
  if (!Number.isNaN(expires) && !Number.isNaN(issued) && expires > issued) return expires - issued;
  if (!Number.isNaN(expires) && expires > receivedAt) return expires - receivedAt;
  return 60 * 60_000;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
