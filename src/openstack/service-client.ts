/**
 * Authorized requests to one catalog service: the token in `X-Auth-Token`, the base URL
 * from the catalog, and exactly one re-authentication and retry when the service says 401.
 */
import type { z } from 'zod';
import { UpstreamError, type ServiceName } from '../core/errors.js';
import type { CatalogService } from './catalog.js';
import type { HttpClient, HttpMethod, HttpResponse } from './http-client.js';
import type { KeystoneSession } from './keystone.js';
import { parseResponse } from './parse-response.js';
import { upstreamOf } from './upstream-errors.js';

export interface ServiceRequest {
  method: HttpMethod;
  /** Path below the service root, e.g. `/clusters/abc`; or an absolute URL from a `next` link. */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  followRedirects?: boolean;
}

/** One catalog service of one project: base URL, token and the 401 retry. */
export class ServiceClient {
  constructor(
    private readonly session: KeystoneSession,
    private readonly http: HttpClient,
    readonly service: CatalogService & ServiceName,
    /** Turns the catalog URL into the root that paths are joined to (version suffix handling). */
    private readonly root: (catalogUrl: string) => string,
  ) {}

  /** Sends the request; 2xx comes back, everything else is thrown as a BotError. */
  async request(req: ServiceRequest): Promise<HttpResponse> {
    const token = await this.session.token();
    try {
      return await this.sendWith(token.value, req);
    } catch (error) {
      if (upstreamOf(error)?.status !== 401) throw error;
      // Keystone revoked or expired the token early; 401 means the request was not processed.
      this.session.invalidate(token);
      const fresh = await this.session.token();
      return this.sendWith(fresh.value, req);
    }
  }

  /** Sends the request and validates the JSON body with `schema`. */
  async json<T>(req: ServiceRequest, schema: z.ZodType<T>): Promise<{ body: T; response: HttpResponse }> {
    const response = await this.request(req);
    return { body: parseResponse(this.service, req.method, response, schema), response };
  }

  private async sendWith(token: string, req: ServiceRequest): Promise<HttpResponse> {
    const url = await this.urlFor(req);
    return this.http.send({
      service: this.service,
      method: req.method,
      url,
      headers: { 'x-auth-token': token, ...req.headers },
      body: req.body,
      followRedirects: req.followRedirects,
    });
  }

  private async urlFor(req: ServiceRequest): Promise<string> {
    const root = this.root(await this.session.endpoint(this.service));
    const url = new URL(/^https?:\/\//.test(req.path) ? req.path : `${root}${req.path}`);
    // A pagination link from a response may only lead back to the same service.
    if (url.origin !== new URL(root).origin) {
      throw new UpstreamError('upstream_bad_response', `${this.service} sent a link to another host.`, {
        service: this.service,
        retryable: false,
      });
    }
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, value);
    }
    return url.toString();
  }
}

/** Drops trailing slashes and one trailing version segment matching `version`. */
export function stripVersion(url: string, version: RegExp): string {
  return url.replace(/\/+$/, '').replace(version, '');
}
