/** JSON bodies checked against zod schemas at the edge. */
import type { z } from 'zod';
import { UpstreamError, type ServiceName } from '../core/errors.js';
import type { HttpResponse } from './http-client.js';
import { stripUrl } from './upstream-errors.js';

/** Parses and validates `response.text`; a body that does not fit is an UpstreamError. */
export function parseResponse<T>(service: ServiceName, method: string, response: HttpResponse, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0]?.path.join('.') || '(body)';
  throw new UpstreamError('upstream_bad_response', `${service} sent a response the bot does not understand (at ${where}).`, {
    service,
    status: response.status,
    requestId: response.headers['x-openstack-request-id'],
    method,
    url: stripUrl(response.url),
    retryable: false,
  });
}
