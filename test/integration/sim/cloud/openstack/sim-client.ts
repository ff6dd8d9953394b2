import type { Sim } from '../../../../../src/sim/cloud/start-sim.js';

/** Password-auth request body for the seeded demo user, project-scoped by name. */
export const passwordAuth = (password = 'demo-password') => ({
  auth: {
    identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password } } },
    scope: { project: { name: 'demo', domain: { name: 'Default' } } },
  },
});

export async function issueToken(sim: Sim, body: object = passwordAuth()): Promise<Response> {
  return fetch(`${sim.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A client holding one token, sending what python-magnumclient sends. */
export async function client(sim: Sim) {
  const res = await issueToken(sim);
  const token = res.headers.get('x-subject-token') ?? '';
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        'X-Auth-Token': token,
        'Content-Type': 'application/json',
        'OpenStack-API-Version': 'container-infra latest',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const json = async (path: string) => (await call('GET', path)).json() as Promise<Record<string, unknown>>;
  return { token, call, json };
}
