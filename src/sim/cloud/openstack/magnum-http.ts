import { json, type Reply, type RouteContext } from './http-router.js';
import { newUuid } from './ids.js';

export const MIN_MINOR = 1;
export const MAX_MINOR = 11;

/** The requested microversion's minor number, or null when it is not one Magnum accepts. */
export function requestedMinor(header: string | string[] | undefined): number | null {
  if (header === undefined) return MIN_MINOR;
  const text = Array.isArray(header) ? (header[0] ?? '') : header;
  const [service, version] = text.trim().split(/\s+/);
  if (service !== 'container-infra' || version === undefined) return MIN_MINOR;
  if (version === 'latest') return MAX_MINOR;
  const match = /^1\.(\d+)$/.exec(version);
  if (!match) return null;
  const minor = Number(match[1]);
  return minor >= MIN_MINOR && minor <= MAX_MINOR ? minor : null;
}

/** The headers every Magnum v1 response carries. */
export function magnumHeaders(minor: number): Record<string, string> {
  return {
    'OpenStack-API-Minimum-Version': `container-infra 1.${MIN_MINOR}`,
    'OpenStack-API-Maximum-Version': `container-infra 1.${MAX_MINOR}`,
    'OpenStack-API-Version': `container-infra 1.${minor}`,
    vary: 'OpenStack-API-Version',
    'x-openstack-request-id': `req-${newUuid()}`,
  };
}

/**
 * Magnum's error envelope, as its ParsableErrorMiddleware writes it: `detail` is the exception
 * text (the faultstring), `title` the text before its first period.
 */
export function magnumError(status: number, message: string): Reply {
  const title = message.split('.', 1)[0] ?? message;
  return json(status, { errors: [{ request_id: '', code: 'client', status, title, detail: message, links: [] }] });
}

/**
 * 406 for a microversion outside 1.1..1.11, as Magnum answers `Accept: application/json`: no
 * status/detail/request_id, a `description`, and the requested version echoed in the header.
 */
export function unsupportedVersion(ctx: RouteContext): Reply {
  const requested = requestedVersionText(ctx);
  const range = `[container-infra 1.${MIN_MINOR}, container-infra 1.${MAX_MINOR}]`;
  const description = requested.startsWith('1.')
    ? `Version ${requested} was requested but the minor version is not supported by this service. The supported version range is: ${range}.`
    : `Mutually exclusive versions requested. Version ${requested} requested but not supported by this service.The supported version range is: ${range}.`;
  const body = {
    errors: [
      {
        code: 'magnum.microversion-unsupported',
        title: 'Requested microversion is unsupported',
        description,
        max_version: `1.${MAX_MINOR}`,
        min_version: `1.${MIN_MINOR}`,
        links: [{ rel: 'help', href: 'http://docs.openstack.org/api-guide/compute/microversions.html' }],
      },
    ],
  };
  return json(406, body, { 'OpenStack-API-Version': `container-infra ${requested}` });
}

/** 406 for a valid version below what one action needs (resize 1.7, nodegroups 1.9): Magnum sends no version headers then. */
export function actionVersionUnsupported(ctx: RouteContext, api: string): Reply {
  const detail = `Version ${requestedVersionText(ctx)} was requested but the requested API ${api} is not supported for this version.`;
  return json(406, { errors: [{ request_id: '', code: '', status: 406, title: 'Not Acceptable', detail, links: [] }] });
}

function requestedVersionText(ctx: RouteContext): string {
  const header = ctx.headers['openstack-api-version'];
  const [service, version] = (Array.isArray(header) ? header[0] : header)?.trim().split(/\s+/) ?? [];
  return service === 'container-infra' && version !== undefined ? version : `1.${MIN_MINOR}`;
}

export const notFound = (kind: string, ident: string): Reply => magnumError(404, `${kind} ${ident} could not be found.`);

export const policyDenied = (action: string): Reply => magnumError(403, `Policy doesn't allow ${action} to be performed.`);
