import { json, type Handler, type Reply, type RouteContext } from './http-router.js';
import { lookupToken } from './keystone-routes.js';
import type { SimState, SimToken } from './sim-state.js';

export type AuthedHandler = (ctx: RouteContext, token: SimToken) => Reply | Promise<Reply>;

/** keystonemiddleware's 401, as every service answers a missing, bad or expired token. */
export function tokenRejected(ctx: RouteContext): Reply {
  return json(
    401,
    { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
    { 'WWW-Authenticate': `Keystone uri="${ctx.origin}/identity"` },
  );
}

/** Wraps a handler so it runs only with a valid, unexpired `X-Auth-Token`. */
export function withAuth(state: SimState, handler: AuthedHandler): Handler {
  return (ctx) => {
    const token = lookupToken(state, ctx.headers['x-auth-token']);
    return token ? handler(ctx, token) : tokenRejected(ctx);
  };
}
