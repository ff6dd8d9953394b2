import { stableUuid, keystoneTime } from './ids.js';
import { DEFAULT_DOMAIN_ID, type SimAppCredential, type SimProject, type SimToken, type SimUser } from './sim-state.js';

export const REGION = 'RegionOne';

/** The service catalog, one entry per simulated service, public/internal/admin endpoints. */
export function catalogFor(origin: string, projectId: string): object[] {
  const services: [type: string, name: string, url: string][] = [
    ['identity', 'keystone', `${origin}/identity`],
    ['container-infra', 'magnum', `${origin}/container-infra/v1`],
    ['orchestration', 'heat', `${origin}/orchestration/v1/${projectId}`],
    ['load-balancer', 'octavia', `${origin}/load-balancer`],
    ['network', 'neutron', `${origin}/network`],
    ['volumev3', 'cinderv3', `${origin}/volume/v3/${projectId}`],
    ['compute', 'nova', `${origin}/compute/v2.1`],
    ['image', 'glance', `${origin}/image`],
  ];
  return services.map(([type, name, url]) => ({
    endpoints: (['public', 'internal', 'admin'] as const).map((iface) => ({
      id: stableUuid(`${name}-${iface}`).replace(/-/g, ''),
      interface: iface,
      region_id: REGION,
      url,
      region: REGION,
    })),
    id: stableUuid(name).replace(/-/g, ''),
    type,
    name,
  }));
}

/** Keystone's `{"token": ...}` body for a project-scoped token. */
export function tokenBody(
  origin: string,
  token: SimToken,
  user: SimUser,
  project: SimProject,
  appCredential: SimAppCredential | undefined,
): object {
  const domain = { id: DEFAULT_DOMAIN_ID, name: 'Default' };
  return {
    token: {
      methods: token.methods,
      user: { domain, id: user.id, name: user.name, password_expires_at: null },
      audit_ids: [stableUuid(token.id).replace(/-/g, '').slice(0, 22)],
      expires_at: keystoneTime(token.expiresAt),
      issued_at: keystoneTime(token.issuedAt),
      project: { domain, id: project.id, name: project.name },
      is_domain: false,
      roles: user.roles.map((name) => ({ id: stableUuid(`role-${name}`).replace(/-/g, ''), name })),
      ...(appCredential ? { application_credential: { id: appCredential.id, name: appCredential.name, restricted: true } } : {}),
      catalog: catalogFor(origin, project.id),
    },
  };
}

/** `GET /identity/v3`: the v3 version document. */
export function versionDoc(origin: string): object {
  return {
    version: {
      id: 'v3.14',
      status: 'stable',
      updated: '2020-04-07T00:00:00Z',
      links: [{ rel: 'self', href: `${origin}/identity/v3/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
    },
  };
}

/** Keystone's own 401 body (field order as keystone writes it). */
export function keystoneUnauthorized(): object {
  return { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } };
}
