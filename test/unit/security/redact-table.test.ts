import { redactClusterShowDump } from '../../../src/security/redact-cluster.js';
import { REDACTED } from '../../../src/security/redact.js';
import { redactTableDump } from '../../../src/security/redact-table.js';

const DUMP = [
  '+---------------------+-----------------------------------------------------------------------+',
  '| Field               | Value                                                                 |',
  '+---------------------+-----------------------------------------------------------------------+',
  '| status              | CREATE_FAILED                                                         |',
  '| uuid                | 31ce05e2-981d-4e83-a756-43e0c7179678                                  |',
  "| labels              | {'kube_tag': 'v1.27.4', 'grafana_admin_passwd': 'correct-horse-1'}    |",
  '| keypair             | ops-key                                                               |',
  '| api_address         | https://172.24.4.10:6443                                              |',
  '| discovery_url       | http://127.0.0.1:15004/etcd-discovery/3a3f6f9721f245c58af09952c4e287fd |',
  '| status_reason       | -----BEGIN CERTIFICATE-----                                           |',
  '|                     | MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkq                                      |',
  '|                     | -----END CERTIFICATE-----                                             |',
  '| project_id          | 03d6df59bc7d4f8a9cba0d905a953ee8                                      |',
  '+---------------------+-----------------------------------------------------------------------+',
].join('\n');

describe('redactClusterShowDump', () => {
  const out = redactClusterShowDump(DUMP).split('\n');
  const lines = DUMP.split('\n');

  it('keeps rows without secrets byte-identical', () => {
    for (const i of [0, 1, 2, 3, 4, 6, 7, 12, 13]) expect(out[i]).toEqual(lines[i]);
  });

  it('redacts a secret label value and keeps the row width', () => {
    expect(out[5]).toEqual(`| labels              | {'kube_tag': 'v1.27.4', 'grafana_admin_passwd': '${REDACTED}'}         |`);
    expect(out[5]?.length).toEqual(lines[5]?.length);
  });

  it('blanks fields outside the allowlist', () => {
    expect(out[8]).toEqual(`| discovery_url       | ${REDACTED.padEnd(70)} |`);
  });

  it('blanks every line of a PEM block spanning rows', () => {
    expect(out.slice(9, 12)).toEqual([
      `| status_reason       | ${REDACTED.padEnd(69)} |`,
      `|                     | ${REDACTED.padEnd(69)} |`,
      `|                     | ${REDACTED.padEnd(69)} |`,
    ]);
  });

  it('is idempotent', () => {
    const once = redactClusterShowDump(DUMP);
    expect(redactClusterShowDump(once)).toEqual(once);
  });
});

describe('redactTableDump', () => {
  it('lets a longer replacement overflow rather than cut it', () => {
    const row = "| labels | {'x_token': 'a'} |";
    expect(redactTableDump(row)).toEqual(`| labels | {'x_token': '${REDACTED}'} |`);
  });
});
