/**
 * Turns an OpenStack error response into the bot's error vocabulary. Codes come from the
 * status and the body's structured fields; known phrases only add a hint for the user.
 */
import { ConflictError, NotFoundError, UpstreamError, type BotError, type ErrorCode, type ServiceName } from '../core/errors.js';

const SERVICE_LABEL: Record<ServiceName, string> = {
  keystone: 'Keystone',
  magnum: 'Magnum',
  heat: 'Heat',
  octavia: 'Octavia',
  neutron: 'Neutron',
  nova: 'Nova',
  glance: 'Glance',
  cinder: 'Cinder',
  kube: 'Kubernetes',
  slack: 'Slack',
  redis: 'Redis',
  tickets: 'Ticket system',
};

/** Query parameters whose values must never reach a log or a message. */
const SECRET_QUERY = /token|secret|password|passwd|key|signature|sig|credential|auth/i;

/** The URL without user info and with secret-looking query values replaced. */
export function stripUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_QUERY.test(name)) parsed.searchParams.set(name, 'redacted');
    }
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}

export interface ErrorBody {
  /** The upstream's one-line explanation. */
  message?: string;
  /** A machine code from the body: Magnum `errors[0].code`, Neutron `type`, Heat `error.type`. */
  code?: string;
}

/** Reads the message and code out of the error shapes OpenStack services use. */
export function parseErrorBody(text: string): ErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isObject(body)) return {};
  const magnum = Array.isArray(body.errors) ? body.errors[0] : undefined;
  if (isObject(magnum)) return pick(magnum.title ?? magnum.detail, magnum.code);
  if (isObject(body.NeutronError)) return pick(body.NeutronError.message, body.NeutronError.type);
  if (isObject(body.error)) {
    // Keystone: {error: {code, title, message}}; Heat: {error: {message, type}, explanation}.
    return pick(body.error.message ?? body.error.title ?? body.explanation, body.error.type);
  }
  if (typeof body.faultstring === 'string') return pick(body.faultstring, undefined);
  if (typeof body.message === 'string') return pick(body.message, undefined);
  // Nova style: {"forbidden": {"message": ...}}.
  const inner = Object.values(body).find(isObject);
  return inner ? pick(inner.message, undefined) : {};
}

function pick(message: unknown, code: unknown): ErrorBody {
  const out: ErrorBody = {};
  if (typeof message === 'string' && message.trim()) out.message = firstLine(message);
  if (typeof code === 'string' && code) out.code = code;
  return out;
}

function firstLine(text: string): string {
  const line = (text.trim().split('\n')[0] ?? '').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface FailedResponse {
  service: ServiceName;
  method: string;
  url: string;
  status: number;
  requestId?: string;
  bodyText: string;
}

const QUOTA_PHRASES = /quota|resource limit exceeded|limit exceeded|over ?quota/i;

/**
 * Real Magnum (Zed) sums a cluster's master and node counts from its nodegroups; between a
 * delete destroying the nodegroups and the cluster row, every GET that renders that cluster
 * (its show, and the project's whole list) fails validation with this 400 (a GET has no input,
 * so the field names the quirk). It passes. Magnum's title is the text before the first period.
 */
const MAGNUM_MID_DELETE = /^Invalid input for field\/attribute (master_count|node_count)(\.|$)/;

/** The BotError for a non-success response (NotFoundError, ConflictError or UpstreamError). */
export function errorForResponse(response: FailedResponse): BotError {
  const { service, status, requestId } = response;
  const body = parseErrorBody(response.bodyText);
  const label = SERVICE_LABEL[service];
  const reference = `HTTP ${status}${requestId ? `, request ${requestId}` : ''}`;
  const what = body.message ?? `${response.method} failed`;
  const details = {
    service,
    status,
    requestId,
    method: response.method,
    url: stripUrl(response.url),
    upstreamMessage: body.message,
  };
  if (service === 'magnum' && status === 400 && response.method === 'GET' && body.message && MAGNUM_MID_DELETE.test(body.message)) {
    const text = `Magnum cannot describe clusters of this project for a moment: one is finishing its delete and Magnum answers "${body.message}" (${reference}) until it is gone. Try again in a minute.`;
    return new UpstreamError('magnum_mid_delete', text, { ...details, retryable: true });
  }
  const userMessage = `${label}: ${what} (${reference})`;
  const upstream = new UpstreamError(codeFor(status, body, service), userMessage, {
    ...details,
    ...(body.code ? { upstreamCode: body.code } : {}),
  });
  if (status === 404) return new NotFoundError(userMessage, { cause: upstream });
  if (status === 409)
    return new ConflictError(userMessage, upstream.code === 'quota_exceeded' ? 'quota_exceeded' : 'conflict', { cause: upstream });
  return upstream;
}

/**
 * The code of an error response: from the status and the body's own code. Magnum, Nova and
 * Octavia say "quota" only in their text (Magnum's ResourceLimitExceeded is a plain 403), so
 * a 403/413 whose text names a quota is classified here, once, at the edge.
 */
function codeFor(status: number, body: ErrorBody, service: ServiceName): ErrorCode {
  if (body.code === 'OverQuota' || body.code === 'OverLimit') return 'quota_exceeded';
  if ((status === 403 || status === 413) && body.message !== undefined && QUOTA_PHRASES.test(body.message)) return 'quota_exceeded';
  if (body.code === 'magnum.microversion-unsupported' || status === 406) return 'microversion_unsupported';
  if (status === 401) return service === 'keystone' ? 'auth_failed' : 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 408) return 'upstream_timeout';
  if (status === 413 || status === 429) return 'rate_limited';
  if (status >= 500) return status === 502 || status === 503 || status === 504 ? 'upstream_unavailable' : 'upstream_error';
  if (status === 400 || status === 422) return 'bad_request';
  return 'upstream_error';
}

/** The UpstreamError inside a BotError made by `errorForResponse`, for its status and request id. */
export function upstreamOf(error: unknown): UpstreamError | undefined {
  if (error instanceof UpstreamError) return error;
  if (error instanceof Error && error.cause instanceof UpstreamError) return error.cause;
  return undefined;
}
