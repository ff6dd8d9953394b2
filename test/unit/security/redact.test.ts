import { isSecretName, REDACTED, redactJson, redactLabels, redactText } from '../../../src/security/redact.js';

// Built by concatenation so no scanner mistakes the fixtures for real credentials.
const SLACK_BOT = 'xoxb-' + '1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const SLACK_APP = 'xapp-' + '1-A0123456789-1234567890123-abcdef0123456789';
const FERNET = 'gAAAAA' + 'BlZ2V0X2tleXN0b25lX3Rva2VuX3ZhbHVlX2hlcmVfMTIzNDU2Nzg5MGFiY2RlZg';
const PEM_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAuY2tZm9vYmFyYmF6',
  'cXV4cXV1eGNvcmdlZ3JhdWx0',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const PEM_CERT = ['-----BEGIN CERTIFICATE-----', 'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkq', '-----END CERTIFICATE-----'].join('\n');
const AWS = 'AKIA' + 'IOSFODNN7EXAMPLE';
const JWT = 'eyJhbGciOiJSUzI1NiJ9' + '.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLWJ5dGVz';

describe('redactText removes secrets', () => {
  const cases: Array<[string, string, string]> = [
    ['a Slack bot token', `token is ${SLACK_BOT} ok`, `token is ${REDACTED} ok`],
    ['a Slack app token', `app ${SLACK_APP}`, `app ${REDACTED}`],
    ['a Keystone Fernet token', `X ${FERNET} Y`, `X ${REDACTED} Y`],
    ['a PEM private key', `key:\n${PEM_KEY}\nafter`, `key:\n[redacted RSA PRIVATE KEY]\nafter`],
    ['a PEM certificate', `ca ${PEM_CERT}.`, `ca [redacted CERTIFICATE].`],
    ['a truncated PEM block', '-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBYr\\nabc', '[redacted EC PRIVATE KEY]'],
    ['kubeconfig client-key-data', '    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk=', `    client-key-data: ${REDACTED}`],
    ['kubeconfig client-certificate-data', '    client-certificate-data: QUJDREVGR0g=', `    client-certificate-data: ${REDACTED}`],
    ['a kubeconfig token line', '    token: abc.def-123', `    token: ${REDACTED}`],
    ['a URL with credentials', 'proxy https://admin:s3cret@proxy.example.com:3128/x', `proxy https://${REDACTED}@proxy.example.com:3128/x`],
    [
      'a password query parameter',
      'https://h.example/p?user=bob&password=hunter2&x=1',
      `https://h.example/p?user=bob&password=${REDACTED}&x=1`,
    ],
    ['a secret query parameter', 'GET /cb?secret=abc123', `GET /cb?secret=${REDACTED}`],
    ['an AWS access key id', `aws ${AWS} end`, `aws ${REDACTED} end`],
    ['an Authorization header', 'Authorization: Bearer abcdef0123456789abcdef', `Authorization: Bearer ${REDACTED}`],
    ['a Basic Authorization header', 'authorization: Basic dXNlcjpwYXNz', `authorization: Basic ${REDACTED}`],
    ['an X-Auth-Token header', 'X-Auth-Token: 4f1c2d3e4f5a6b7c8d9e', `X-Auth-Token: ${REDACTED}`],
    ['a Slack webhook URL', 'posted to https://hooks.slack.com/services/T000/B000/XXXX', `posted to https://hooks.slack.com/${REDACTED}`],
    ['a service account JWT', `jwt ${JWT}`, `jwt ${REDACTED}`],
    [
      'a Python-repr secret label',
      "{'kube_tag': 'v1.27.4', 'grafana_admin_passwd': 'admin'}",
      `{'kube_tag': 'v1.27.4', 'grafana_admin_passwd': '${REDACTED}'}`,
    ],
    [
      'a JSON secret field',
      '{"cluster_basic_auth_secret": "pw", "name": "x"}',
      `{"cluster_basic_auth_secret": "${REDACTED}", "name": "x"}`,
    ],
    ['an env-style assignment', 'OS_PASSWORD=hunter2 next', `OS_PASSWORD=${REDACTED} next`],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(redactText(input)).toEqual(expected);
  });
});

describe('redactText and etcd discovery tokens', () => {
  it('scrubs the token of a public discovery URL, as a console log prints it', () => {
    const line = 'etcd[1702]: discovery: error connecting to https://discovery.etcd.io/3a3f6f9721f245c58af09952c4e287fd, retrying in 2s';
    expect(redactText(line)).toBe('etcd[1702]: discovery: error connecting to https://discovery.etcd.io/[redacted], retrying in 2s');
  });
});

describe('redactText keeps ordinary values', () => {
  const keep = [
    '31ce05e2-981d-4e83-a756-43e0c7179678',
    '172.24.4.10',
    'https://172.24.4.10:6443',
    "{'kube_tag': 'v1.27.4', 'container_runtime': 'containerd', 'keystone_auth_enabled': 'true'}",
    'keypair: ops-key',
    '03d6df59bc7d4f8a9cba0d905a953ee8',
    'Resource DELETE failed: Conflict: resources.network.resources.private_subnet: Unable to complete operation on subnet',
    "Property error: kube_masters.Properties.key_name: Error validating value 'ops-key'",
    'Basic authentication failed for the registry',
    'http://127.0.0.1:15004/etcd-discovery/3a3f6f9721f245c58af09952c4e287fd',
    'token: [redacted]',
    'MountVolume.SetUp failed for volume "pvc-1" : rpc error: code = Internal',
  ];
  it.each(keep)('%s', (input) => {
    expect(redactText(input)).toEqual(input);
  });

  it('stays linear on hostile input (many unterminated PEM headers, one huge identifier)', () => {
    expect(redactText('-----BEGIN CERTIFICATE-----\n'.repeat(5000))).toEqual('[redacted CERTIFICATE]'.repeat(5000));
    const identifier = 'a'.repeat(200_000);
    expect(redactText(identifier)).toEqual(identifier);
  });

  it('is idempotent', () => {
    const once = redactText(`a ${SLACK_BOT} b https://u:p@h/ c ${PEM_KEY} password=x`);
    expect(redactText(once)).toEqual(once);
  });
});

describe('isSecretName', () => {
  it.each([
    'grafana_admin_passwd',
    'cluster_basic_auth_secret',
    'password',
    'apiToken',
    'client-key-data',
    'private_key',
    'OS_APPLICATION_CREDENTIAL_SECRET',
    'x-auth-token',
  ])('treats %s as secret', (name) => expect(isSecretName(name)).toBe(true));
  it.each([
    'kube_tag',
    'keypair',
    'keystone_auth_enabled',
    'private_subnet',
    'key_name',
    'keypair_id',
    'container_runtime',
    'master_lb_enabled',
  ])('treats %s as ordinary', (name) => expect(isSecretName(name)).toBe(false));
});

describe('redactLabels', () => {
  it('blanks secret-named labels and keeps the rest', () => {
    expect(
      redactLabels({ kube_tag: 'v1.27.4', grafana_admin_passwd: 'admin', cluster_basic_auth_secret: 'x', keystone_auth_enabled: 'true' }),
    ).toEqual({
      kube_tag: 'v1.27.4',
      grafana_admin_passwd: REDACTED,
      cluster_basic_auth_secret: REDACTED,
      keystone_auth_enabled: 'true',
    });
  });

  it('scrubs secret-shaped values under ordinary names', () => {
    expect(redactLabels({ note: `use ${SLACK_BOT}` })).toEqual({ note: `use ${REDACTED}` });
  });
});

describe('redactJson', () => {
  it('redacts deeply, keeping structure, numbers, booleans and nulls', () => {
    const input = {
      name: 'demo',
      node_count: 3,
      tls_disabled: false,
      nested: [{ password: 'p', token: { id: 'x' }, ok: 'https://a:b@c/' }],
      labels: { grafana_admin_passwd: 'admin', kube_tag: 'v1' },
      api_key: null,
    };
    expect(redactJson(input)).toEqual({
      name: 'demo',
      node_count: 3,
      tls_disabled: false,
      nested: [{ password: REDACTED, token: REDACTED, ok: `https://${REDACTED}@c/` }],
      labels: { grafana_admin_passwd: REDACTED, kube_tag: 'v1' },
      api_key: null,
    });
  });
});
