import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { json, type Reply, type Router, type RouteContext } from './http-router.js';
import { keystoneUnauthorized, tokenBody, versionDoc } from './keystone-views.js';
import type { SimAppCredential, SimProject, SimState, SimUser } from './sim-state.js';

const domainRef = z.object({ id: z.string().optional(), name: z.string().optional() });
const authSchema = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()),
      password: z
        .object({
          user: z.object({ id: z.string().optional(), name: z.string().optional(), domain: domainRef.optional(), password: z.string() }),
        })
        .optional(),
      application_credential: z
        .object({
          id: z.string().optional(),
          name: z.string().optional(),
          secret: z.string(),
          user: z.object({ id: z.string().optional(), name: z.string().optional(), domain: domainRef.optional() }).optional(),
        })
        .optional(),
    }),
    scope: z
      .object({ project: z.object({ id: z.string().optional(), name: z.string().optional(), domain: domainRef.optional() }) })
      .optional(),
  }),
});

type AuthRequest = z.infer<typeof authSchema>['auth'];

function unauthorized(ctx: RouteContext): Reply {
  return json(401, keystoneUnauthorized(), { 'WWW-Authenticate': `Keystone uri="${ctx.origin}/identity"` });
}

function domainMatches(ref: z.infer<typeof domainRef> | undefined, domainId: string): boolean {
  if (!ref) return false;
  if (ref.id !== undefined) return ref.id === domainId;
  return ref.name !== undefined && ref.name.toLowerCase() === 'default' && domainId === 'default';
}

function resolvePassword(state: SimState, auth: AuthRequest): { user: SimUser; project: SimProject } | null {
  const pw = auth.identity.password;
  const scope = auth.scope?.project;
  if (!pw || !scope) return null;
  const user = state.users.find((u) =>
    pw.user.id !== undefined ? u.id === pw.user.id : u.name === pw.user.name && domainMatches(pw.user.domain, u.domainId),
  );
  if (!user || user.password !== pw.user.password) return null;
  const project = state.projects.find((p) =>
    scope.id !== undefined ? p.id === scope.id : p.name === scope.name && domainMatches(scope.domain, p.domainId),
  );
  return project ? { user, project } : null;
}

function resolveAppCredential(state: SimState, auth: AuthRequest): SimAppCredential | null {
  const ac = auth.identity.application_credential;
  if (!ac || auth.scope) return null;
  const found = state.appCredentials.find((c) => {
    if (ac.id !== undefined) return c.id === ac.id;
    const owner = state.users.find((u) => u.id === c.userId);
    const userMatches = ac.user?.id !== undefined ? owner?.id === ac.user.id : owner?.name === ac.user?.name;
    return c.name === ac.name && userMatches;
  });
  return found && found.secret === ac.secret ? found : null;
}

function issue(ctx: RouteContext, state: SimState): Reply {
  const parsed = authSchema.safeParse(ctx.body);
  if (!parsed.success) {
    return json(400, { error: { code: 400, message: 'Invalid input for field identity.', title: 'Bad Request' } });
  }
  const auth = parsed.data.auth;
  const now = state.clock.now();
  const id = `gAAAAA${randomBytes(96).toString('base64url')}`;
  let grant: { user: SimUser; project: SimProject; appCredential?: SimAppCredential } | null = null;
  if (auth.identity.methods.includes('application_credential')) {
    const cred = resolveAppCredential(state, auth);
    const user = state.users.find((u) => u.id === cred?.userId);
    const project = state.projects.find((p) => p.id === cred?.projectId);
    if (cred && user && project) grant = { user, project, appCredential: cred };
  } else if (auth.identity.methods.includes('password')) {
    grant = resolvePassword(state, auth);
  }
  if (!grant) return unauthorized(ctx);
  const token = {
    id,
    userId: grant.user.id,
    projectId: grant.project.id,
    methods: auth.identity.methods,
    issuedAt: now,
    expiresAt: now + state.tokenTtlMs,
    ...(grant.appCredential ? { appCredentialId: grant.appCredential.id } : {}),
  };
  state.tokens.set(id, token);
  return json(201, tokenBody(ctx.origin, token, grant.user, grant.project, grant.appCredential), { 'X-Subject-Token': id });
}

function validate(ctx: RouteContext, state: SimState): Reply {
  const caller = lookupToken(state, ctx.headers['x-auth-token']);
  if (!caller) return unauthorized(ctx);
  const subject = lookupToken(state, ctx.headers['x-subject-token']);
  const user = state.users.find((u) => u.id === subject?.userId);
  const project = state.projects.find((p) => p.id === subject?.projectId);
  if (!subject || !user || !project) {
    return json(404, { error: { code: 404, message: 'Could not find token.', title: 'Not Found' } });
  }
  const cred = state.appCredentials.find((c) => c.id === subject.appCredentialId);
  return json(200, tokenBody(ctx.origin, subject, user, project, cred), { 'X-Subject-Token': subject.id });
}

/** The unexpired token named by a header value, if any. */
export function lookupToken(state: SimState, header: string | string[] | undefined) {
  if (typeof header !== 'string') return undefined;
  const token = state.tokens.get(header);
  return token && token.expiresAt > state.clock.now() ? token : undefined;
}

/** Keystone v3 routes, mounted under `/identity`. */
export function keystoneRoutes(router: Router, state: SimState): Router {
  const versions = (ctx: RouteContext): Reply =>
    json(300, { versions: { values: [{ ...(versionDoc(ctx.origin) as { version: object }).version }] } });
  // Keystone answers token requests with `Vary: X-Auth-Token` (observed on Keystone 22).
  const vary = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, Vary: 'X-Auth-Token' } });
  return router
    .on('GET', '/', versions)
    .on('GET', '/v3', (ctx) => json(200, versionDoc(ctx.origin)))
    .on('POST', '/v3/auth/tokens', (ctx) => vary(issue(ctx, state)))
    .on('GET', '/v3/auth/tokens', (ctx) => vary(validate(ctx, state)));
}
