/**
 * A small raw HTTP client for the conformance suite: sends what the `openstack coe` CLI sends and
 * records what came back (status, the headers that matter, the body's shape) for comparison.
 */
import { keyOrder, shapeOf, type Shape } from './shape.js';

/** What one request answered, normalised so two clouds compare. */
export interface StepRecord {
  status: number;
  headers: Record<string, string>;
  /** Top-level body keys in the server's order. */
  keys: string[];
  body: Shape;
}

export interface PasswordLogin {
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
  userDomainName: string;
  projectDomainName: string;
  regionName: string;
}

export interface WireSession {
  token: string;
  magnumUrl: string;
  /** The token request's record (catalog reduced to the container-infra entry). */
  auth: StepRecord;
}

export interface WireResult {
  record: StepRecord;
  json: unknown;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Header name -> how its value is normalised; absent headers are left out of the record. */
const RECORDED_HEADERS: Record<string, (value: string) => string> = {
  'openstack-api-minimum-version': (v) => v,
  'openstack-api-maximum-version': (v) => v,
  'openstack-api-version': (v) => v,
  vary: (v) => v,
  'content-type': (v) => v.toLowerCase(),
  'x-openstack-request-id': (v) => v.replace(UUID, '<uuid>'),
  'www-authenticate': (v) => v.replace(/uri="[^"]*"/, 'uri="<url>"'),
  'x-subject-token': () => '<present>',
};

/** Authenticates with a password (POST /v3/auth/tokens, as the CLI does) and finds Magnum in the catalog. */
export async function openSession(login: PasswordLogin): Promise<WireSession> {
  const body = {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { password: login.password, name: login.username, domain: { name: login.userDomainName } } },
      },
      scope: { project: { name: login.projectName, domain: { name: login.projectDomainName } } },
    },
  };
  const res = await fetch(`${login.authUrl.replace(/\/$/, '')}/auth/tokens`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = JSON.parse(text) as { token?: { catalog?: CatalogEntry[] } };
  const token = res.headers.get('x-subject-token');
  const magnum = parsed.token?.catalog?.find((s) => s.type === 'container-infra');
  const endpoint = magnum?.endpoints.find((e) => e.interface === 'public' && (e.region_id ?? e.region) === login.regionName);
  if (res.status !== 201 || !token || !endpoint)
    throw new Error(`password authentication at ${login.authUrl} failed with HTTP ${res.status}`);
  // The catalogs differ by design (services, ids); what must agree is the token and the Magnum entry.
  const reduced = { ...parsed, token: { ...parsed.token, catalog: [magnum] } };
  return { token, magnumUrl: endpoint.url.replace(/\/$/, ''), auth: toRecord(res, reduced) };
}

interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region_id?: string; region?: string; url: string }[];
}

export interface MagnumCall {
  body?: unknown;
  /** `OpenStack-API-Version` value after `container-infra `; the CLI sends `latest`. */
  microversion?: string;
  /** Overrides the session token (the 401 case). */
  token?: string;
}

/** One Magnum v1 request with the CLI's headers; `path` is below `/v1` (e.g. `/clusters`). */
export async function magnum(session: WireSession, method: string, path: string, call: MagnumCall = {}): Promise<WireResult> {
  const res = await fetch(`${session.magnumUrl}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'openstack-api-version': `container-infra ${call.microversion ?? 'latest'}`,
      'x-auth-token': call.token ?? session.token,
    },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  const text = await res.text();
  const json: unknown = text.length > 0 ? JSON.parse(text) : null;
  return { record: toRecord(res, json), json };
}

function toRecord(res: Response, json: unknown): StepRecord {
  const headers: Record<string, string> = {};
  for (const [name, normalise] of Object.entries(RECORDED_HEADERS)) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = normalise(value);
  }
  return { status: res.status, headers, keys: keyOrder(json), body: shapeOf(json) };
}
