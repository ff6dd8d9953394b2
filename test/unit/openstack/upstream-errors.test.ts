import { ConflictError, NotFoundError, UpstreamError } from '../../../src/core/errors.js';
import { errorForResponse, parseErrorBody, stripUrl } from '../../../src/openstack/upstream-errors.js';

describe('parseErrorBody', () => {
  test.each([
    [
      'Magnum errors[0] (real 404)',
      '{"errors": [{"request_id": "", "code": "client", "status": 404, "title": "Cluster nope could not be found", "detail": "Cluster nope could not be found.", "links": []}]}',
      { message: 'Cluster nope could not be found', code: 'client' },
    ],
    [
      'keystonemiddleware 401 (real)',
      '{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}',
      { message: 'The request you have made requires authentication.' },
    ],
    [
      'Neutron',
      '{"NeutronError": {"type": "OverQuota", "message": "Quota exceeded for resources: [\'port\'].", "detail": ""}}',
      { message: "Quota exceeded for resources: ['port'].", code: 'OverQuota' },
    ],
    [
      'Heat',
      '{"explanation": "x", "code": 404, "error": {"message": "The Stack (s) could not be found.", "traceback": null, "type": "EntityNotFound"}, "title": "Not Found"}',
      { message: 'The Stack (s) could not be found.', code: 'EntityNotFound' },
    ],
    [
      'Octavia',
      '{"faultcode": "Client", "faultstring": "Quota has been met for resources: load_balancer", "debuginfo": null}',
      { message: 'Quota has been met for resources: load_balancer' },
    ],
    ['Nova', '{"forbidden": {"code": 403, "message": "Quota exceeded for instances"}}', { message: 'Quota exceeded for instances' }],
    [
      'multi-line traceback keeps the first line',
      '{"errors": [{"title": "Boom\\nTraceback (most recent call last):"}]}',
      { message: 'Boom' },
    ],
    ['not JSON', '<html>Bad Gateway</html>', {}],
  ])('reads %s', (_name, text, expected) => {
    expect(parseErrorBody(text)).toEqual(expected);
  });
});

describe('errorForResponse', () => {
  const base = {
    service: 'magnum' as const,
    method: 'GET',
    url: 'https://user:pw@magnum.example:9511/v1/clusters/x?token=abc&limit=2',
    requestId: 'req-1',
  };

  test('404 is a NotFoundError whose cause keeps status, request id and a stripped URL', () => {
    const error = errorForResponse({ ...base, status: 404, bodyText: '{"errors": [{"title": "Cluster x could not be found"}]}' });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.userMessage).toEqual('Magnum: Cluster x could not be found (HTTP 404, request req-1)');
    const cause = error.cause as UpstreamError;
    expect([cause.status, cause.requestId, cause.url]).toEqual([
      404,
      'req-1',
      'https://magnum.example:9511/v1/clusters/x?token=redacted&limit=2',
    ]);
  });

  test.each([
    [409, '{"errors": [{"title": "Cluster x already exists"}]}', ConflictError, 'conflict'],
    [409, '{"NeutronError": {"type": "OverQuota", "message": "Quota exceeded"}}', ConflictError, 'quota_exceeded'],
    [403, '{"errors": [{"title": "Policy doesn\'t allow cluster:create to be performed."}]}', UpstreamError, 'forbidden'],
    [400, '{"errors": [{"title": "Invalid input"}]}', UpstreamError, 'bad_request'],
    [
      406,
      '{"errors": [{"code": "magnum.microversion-unsupported", "title": "Requested microversion is unsupported"}]}',
      UpstreamError,
      'microversion_unsupported',
    ],
    [429, '', UpstreamError, 'rate_limited'],
    [500, '', UpstreamError, 'upstream_error'],
    [503, '', UpstreamError, 'upstream_unavailable'],
  ])('maps HTTP %p to its class and code', (status, bodyText, kind, code) => {
    const error = errorForResponse({ ...base, status, bodyText });
    expect(error).toBeInstanceOf(kind);
    expect(error.code).toEqual(code);
  });

  test('classifies a 403 whose text names a quota as quota_exceeded, once, at the edge', () => {
    const quota = errorForResponse({
      ...base,
      status: 403,
      bodyText: '{"errors": [{"title": "Resource Limit Exceeded: too many clusters"}]}',
    });
    const policy = errorForResponse({ ...base, status: 403, bodyText: '{"errors": [{"title": "Policy does not allow this"}]}' });
    expect([quota.code, policy.code]).toEqual(['quota_exceeded', 'forbidden']);
  });

  test('marks 5xx retryable and 4xx not', () => {
    expect(errorForResponse({ ...base, status: 502, bodyText: '' }).retryable).toEqual(true);
    expect(errorForResponse({ ...base, status: 400, bodyText: '' }).retryable).toEqual(false);
  });

  test('names the keystone 401 auth_failed', () => {
    expect(errorForResponse({ ...base, service: 'keystone', status: 401, bodyText: '' }).code).toEqual('auth_failed');
  });
});

describe('stripUrl', () => {
  test('drops user info and redacts secret-looking query values', () => {
    expect(stripUrl('http://a:b@h/x?password=p&marker=m&X-Auth-Token=t')).toEqual(
      'http://h/x?password=redacted&marker=m&X-Auth-Token=redacted',
    );
  });
});
