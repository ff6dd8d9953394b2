/**
 * Finding 12 of issue 10: KUBECONFIG_DIR mounted from a Kubernetes Secret. The kubelet writes
 * each key as a symlink (`lab.yaml -> ..data/lab.yaml`, `..data -> ..2026_12_05_10_00_00.1`):
 * those are read; the `..` entries are the mount's own; a link out of the directory, a dangling
 * link and a stray file are left out, each with a warning in the log (once).
 */
import { jest } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../src/core/ports.js';
import { createKubeConnector } from '../../../src/kube/kube-connector.js';
import { createCertAuthority } from '../../../src/sim/index.js';
import { kubeConfigFor, startScenario } from './sim-kube-helpers.js';

jest.setTimeout(120_000);

function recordingLogger(warnings: object[]): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields: object) => void warnings.push(fields),
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

describe('KUBECONFIG_DIR mounted from a Secret', () => {
  it('reads the keys through their symlinks, stays inside the directory and warns about what it skips', async () => {
    const ca = await createCertAuthority('secret-ca');
    const { cluster, clock } = await startScenario(ca, 'healthy', 1);
    const dir = await mkdtemp(join(tmpdir(), 'kubeconfig-secret-'));
    const outside = await mkdtemp(join(tmpdir(), 'kubeconfig-outside-'));
    try {
      const kc = await kubeConfigFor(cluster.url, ca);
      const version = '..2026_12_05_10_00_00.123456789';
      await mkdir(join(dir, version));
      await writeFile(join(dir, version, 'kolla-lab.yaml'), kc.exportConfig());
      await writeFile(join(dir, version, 'murano.conf'), kc.exportConfig());
      await symlink(version, join(dir, '..data'));
      await symlink(join('..data', 'kolla-lab.yaml'), join(dir, 'kolla-lab.yaml'));
      await symlink(join('..data', 'murano.conf'), join(dir, 'murano.conf'));
      await writeFile(join(outside, 'stolen.yaml'), kc.exportConfig());
      await symlink(join(outside, 'stolen.yaml'), join(dir, 'escape.yaml'));
      await symlink(join('..data', 'gone.yaml'), join(dir, 'gone.yaml'));
      await writeFile(join(dir, 'notes.txt'), 'not a kubeconfig');
      const warnings: object[] = [];
      const connector = createKubeConnector({ kubeconfigDir: dir, clock, logger: recordingLogger(warnings) });

      expect(await connector.listKubeconfigClusters()).toEqual(['kolla-lab', 'murano']);
      const api = await connector.forKubeconfigCluster('kolla-lab');
      expect((await api?.readState())?.state.nodes).toHaveLength(2);
      expect(await connector.forKubeconfigCluster('escape')).toBeNull();
      await connector.listKubeconfigClusters();

      expect(warnings).toEqual(
        expect.arrayContaining([
          { dir, entry: 'escape.yaml', reason: 'symlink to a file outside the directory' },
          { dir, entry: 'gone.yaml', reason: 'dangling symlink' },
          { dir, entry: 'notes.txt', reason: 'not a kubeconfig name (*.yaml, *.yml, *.conf or kubeconfig)' },
        ]),
      );
      expect(warnings).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
      await cluster.close();
    }
  });
});
