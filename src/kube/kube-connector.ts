import type { ClusterDetail } from '../core/cluster.js';
import type { Clock, KubeApi, KubeConnector, Logger, OpenStackApi } from '../core/ports.js';
import { createKubeApi, type KubeApiOptions } from './kube-api.js';
import { listKubeconfigFiles } from './kubeconfig-dir.js';
import { MagnumCredentialCache } from './magnum-credentials.js';

export interface KubeConnectorOptions {
  kubeconfigDir?: string;
  clock: Clock;
  logger: Logger;
  /** Timeouts and caps for every KubeApi it opens. */
  api?: Omit<KubeApiOptions, 'clock' | 'logger' | 'onUnauthorized'>;
}

/**
 * kubeconfig.js, and @kubernetes/client-node under it (about 65 MB of RSS for its generated
 * models), loaded when the first cluster is opened: a worker that only tracks operations never
 * loads it.
 */
const kubeconfigModule = () => import('./kubeconfig.js');

/** Opens KubeApis: Magnum clusters through their certificate API, others from KUBECONFIG_DIR. */
export function createKubeConnector(options: KubeConnectorOptions): KubeConnector {
  const credentials = new MagnumCredentialCache({ clock: options.clock, logger: options.logger });
  const apiOptions = (logger: Logger): KubeApiOptions => ({ ...options.api, clock: options.clock, logger });
  // Each skipped entry of KUBECONFIG_DIR is logged once per process, not at every command.
  const warned = new Set<string>();
  const kubeconfigFiles = (dir: string) =>
    listKubeconfigFiles(dir, ({ entry, reason }) => {
      if (warned.has(`${entry}\0${reason}`)) return;
      warned.add(`${entry}\0${reason}`);
      options.logger.warn({ dir, entry, reason }, 'KUBECONFIG_DIR entry skipped');
    });
  return {
    async forMagnumCluster(openstack: OpenStackApi, cluster: ClusterDetail): Promise<KubeApi> {
      const creds = await credentials.get(openstack, cluster);
      const { buildKubeConfig } = await kubeconfigModule();
      const kc = buildKubeConfig(cluster.name, `${cluster.uuid}-admin`, creds);
      return createKubeApi(kc, {
        ...apiOptions(options.logger.child({ cluster: cluster.name, clusterUuid: cluster.uuid })),
        // A 401 means the CA was rotated (or the cert revoked): sign a new one next time.
        onUnauthorized: () => credentials.invalidate(openstack.cloud, cluster.uuid),
      });
    },
    async forKubeconfigCluster(name: string): Promise<KubeApi | null> {
      if (!options.kubeconfigDir) return null;
      const file = (await kubeconfigFiles(options.kubeconfigDir)).find((f) => f.name === name);
      if (!file) return null;
      const { loadKubeConfigFile } = await kubeconfigModule();
      return createKubeApi(loadKubeConfigFile(file.path), apiOptions(options.logger.child({ cluster: name })));
    },
    async listKubeconfigClusters(): Promise<string[]> {
      if (!options.kubeconfigDir) return [];
      return (await kubeconfigFiles(options.kubeconfigDir)).map((f) => f.name);
    },
  };
}

/** A KubeApi for one kubeconfig file (`kube-chatops diagnose --kubeconfig FILE`). */
export async function openKubeconfigFile(path: string, options: KubeApiOptions): Promise<KubeApi> {
  const { loadKubeConfigFile } = await kubeconfigModule();
  return createKubeApi(loadKubeConfigFile(path), options);
}
