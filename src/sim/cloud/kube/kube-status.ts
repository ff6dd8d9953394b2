/** Kubernetes `Status` error bodies, as the real API server writes them. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
}

/** An error the router turns into a `Status` response with this code. */
export class KubeHttpError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }
}

/** The `Status` JSON for an error. */
export function statusBody(error: KubeHttpError): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: error.message,
    reason: error.reason,
    ...(error.details ? { details: error.details } : {}),
    code: error.code,
  };
}

/** 404 for a named object, as `kubectl` prints it. */
export function notFound(resource: string, group: string, name: string): KubeHttpError {
  const qualified = group === '' ? resource : `${resource}.${group}`;
  return new KubeHttpError(404, 'NotFound', `${qualified} "${name}" not found`, { name, group, kind: resource });
}

/** 404 for a path the server does not serve. */
export function noSuchPath(): KubeHttpError {
  return new KubeHttpError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 401: no client certificate from the cluster CA. */
export function unauthorized(): KubeHttpError {
  return new KubeHttpError(401, 'Unauthorized', 'Unauthorized');
}

/** 403 in RBAC's wording. */
export function forbidden(user: string, verb: string, resource: string, group: string, namespace: string | undefined): KubeHttpError {
  const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  return new KubeHttpError(
    403,
    'Forbidden',
    `${resource} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`,
    { kind: resource, group },
  );
}

/** 405. */
export function methodNotAllowed(): KubeHttpError {
  return new KubeHttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

/** 422 for a rejected field. */
export function invalid(kind: string, name: string, message: string): KubeHttpError {
  return new KubeHttpError(422, 'Invalid', `${kind} "${name}" is invalid: ${message}`, { name, kind });
}

/** 400. */
export function badRequest(message: string): KubeHttpError {
  return new KubeHttpError(400, 'BadRequest', message);
}
