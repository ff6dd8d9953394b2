import type { OpenStackCredentials } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { cloudsYamlPaths, resolveCloudsYaml } from '../../../src/openstack/clouds-yaml.js';

const base: OpenStackCredentials = { cloud: 'mycloud', interface: 'public', cloudsYaml: { cloud: 'mycloud' } };
const paths = cloudsYamlPaths({ configFile: '/cfg/my-clouds.yaml', cwd: '/work', homeDir: '/home/bot' });

const APP_CRED = `
clouds:
  mycloud:
    auth_type: v3applicationcredential
    auth:
      auth_url: https://keystone.example:5000/v3
      application_credential_id: ac-id
      application_credential_secret: ac-secret
    region_name: nz-hlz-1
    interface: internal
    cacert: /etc/ssl/cloud-ca.pem
`;

const files = (map: Record<string, string>) => (path: string) => map[path];

describe('cloudsYamlPaths', () => {
  test('searches OS_CLIENT_CONFIG_FILE, then ./, ~/.config/openstack and /etc/openstack', () => {
    expect(paths.clouds).toEqual([
      '/cfg/my-clouds.yaml',
      '/work/clouds.yaml',
      '/work/clouds.yml',
      '/work/clouds.json',
      '/home/bot/.config/openstack/clouds.yaml',
      '/home/bot/.config/openstack/clouds.yml',
      '/home/bot/.config/openstack/clouds.json',
      '/etc/openstack/clouds.yaml',
      '/etc/openstack/clouds.yml',
      '/etc/openstack/clouds.json',
    ]);
    expect(paths.secure[0]).toEqual('/work/secure.yaml');
  });
});

describe('resolveCloudsYaml', () => {
  test('reads an application credential cloud', () => {
    const creds = resolveCloudsYaml(base, 'mycloud', paths, files({ '/etc/openstack/clouds.yaml': APP_CRED }));
    expect(creds).toEqual({
      cloud: 'mycloud',
      authUrl: 'https://keystone.example:5000/v3',
      applicationCredential: { id: 'ac-id', secret: 'ac-secret' },
      password: undefined,
      regionName: 'nz-hlz-1',
      interface: 'internal',
      caCertFile: '/etc/ssl/cloud-ca.pem',
      cloudsYaml: { cloud: 'mycloud', file: '/etc/openstack/clouds.yaml' },
    });
  });

  test('uses the first file found and ignores later ones', () => {
    const other = APP_CRED.replace('ac-id', 'other-id');
    const creds = resolveCloudsYaml(
      base,
      'mycloud',
      paths,
      files({ '/home/bot/.config/openstack/clouds.yaml': APP_CRED, '/etc/openstack/clouds.yaml': other }),
    );
    expect(creds.applicationCredential?.id).toEqual('ac-id');
  });

  test('merges secure.yaml over clouds.yaml', () => {
    const clouds = `
clouds:
  mycloud:
    auth:
      auth_url: https://k/v3
      username: bot
      project_name: demo
      user_domain_name: Users
    regions: [nz-por-1, nz-hlz-1]
`;
    const secure = 'clouds:\n  mycloud:\n    auth:\n      password: from-secure\n';
    const creds = resolveCloudsYaml(base, 'mycloud', paths, files({ '/work/clouds.yaml': clouds, '/work/secure.yaml': secure }));
    expect(creds.password).toEqual({
      username: 'bot',
      password: 'from-secure',
      userDomainName: 'Users',
      projectName: 'demo',
      projectId: undefined,
      projectDomainName: 'Default',
    });
    expect(creds.regionName).toEqual('nz-por-1');
  });

  test('lets OS_REGION_NAME and OS_CACERT from the environment win', () => {
    const creds = resolveCloudsYaml(
      { ...base, regionName: 'env-region', caCertFile: '/env/ca.pem' },
      'mycloud',
      paths,
      files({ '/work/clouds.yaml': APP_CRED }),
    );
    expect([creds.regionName, creds.caCertFile]).toEqual(['env-region', '/env/ca.pem']);
  });

  test('uses the only cloud when OS_CLOUD is unset', () => {
    const creds = resolveCloudsYaml({ ...base, cloud: 'default' }, 'default', paths, files({ '/work/clouds.yaml': APP_CRED }));
    expect(creds.cloud).toEqual('mycloud');
  });

  test.each([
    ['no file at all', {}, /no clouds.yaml found/],
    ['an unknown cloud', { '/work/clouds.yaml': APP_CRED.replace('mycloud:', 'other:') }, /no such cloud .*clouds: other/],
    [
      'an app credential without secret',
      { '/work/clouds.yaml': APP_CRED.replace(/.*application_credential_secret.*\n/, '') },
      /application_credential_id and _secret/,
    ],
    ['an unsupported auth type', { '/work/clouds.yaml': APP_CRED.replace('v3applicationcredential', 'v3oidcpassword') }, /not supported/],
    ['broken YAML', { '/work/clouds.yaml': 'clouds: [' }, /not a valid clouds file/],
  ])('reports %s as a ConfigError', (_name, map, message) => {
    let error: unknown;
    try {
      resolveCloudsYaml(base, 'mycloud', paths, files(map));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(message);
  });
});
