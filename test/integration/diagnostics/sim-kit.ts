import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../../src/core/ports.js';
import { generateKeyAndCsr } from '../../../src/kube/csr.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import type { OpenStackCredentials } from '../../../src/config/load-config.js';
import type { Sim } from '../../../src/sim/index.js';

export const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

/** The bot's OpenStack credentials for the sim (password auth as the seeded user). */
export function simCredentials(sim: Sim): OpenStackCredentials {
  const env = sim.osEnv;
  return {
    cloud: 'sim',
    authUrl: sim.authUrl,
    password: {
      username: env['OS_USERNAME'] ?? '',
      password: env['OS_PASSWORD'] ?? '',
      userDomainName: 'Default',
      projectName: env['OS_PROJECT_NAME'],
      projectDomainName: 'Default',
    },
    interface: 'public',
    regionName: env['OS_REGION_NAME'],
  };
}

/** The real OpenStack client against the sim, on the sim's clock. */
export function simOpenStack(sim: Sim): ClosableOpenStackApi {
  return createOpenStackApi({ credentials: simCredentials(sim), logger: silent, clock: sim.clock });
}

const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');

/**
 * Writes the cluster's kubeconfig the way `openstack coe cluster config` does: a CSR signed by
 * Magnum's certificate API, embedded as certificate-authority-data / client-certificate-data /
 * client-key-data, user `admin`, context `default`. Returns the file path.
 */
export async function writeMagnumKubeconfig(
  openstack: ClosableOpenStackApi,
  clusterName: string,
  dir: string,
  fileName = `${clusterName}.yaml`,
): Promise<string> {
  const cluster = await openstack.magnum.getCluster(clusterName);
  const { keyPem, csrPem } = await generateKeyAndCsr('admin', 'system:masters');
  const [ca, cert] = await Promise.all([
    openstack.magnum.getCaCertificate(cluster.uuid),
    openstack.magnum.signCertificate(cluster.uuid, csrPem),
  ]);
  const server = /^https?:\/\//.test(cluster.apiAddress ?? '') ? cluster.apiAddress : `https://${cluster.apiAddress}`;
  const yaml = [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(ca)}`,
    `    server: ${server}`,
    `  name: ${cluster.name}`,
    'contexts:',
    '- context:',
    `    cluster: ${cluster.name}`,
    '    user: admin',
    '  name: default',
    'current-context: default',
    'kind: Config',
    'preferences: {}',
    'users:',
    '- name: admin',
    '  user:',
    `    client-certificate-data: ${b64(cert)}`,
    `    client-key-data: ${b64(keyPem)}`,
    '',
  ].join('\n');
  const path = join(dir, fileName);
  await writeFile(path, yaml, { mode: 0o600 });
  return path;
}
