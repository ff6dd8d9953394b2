import { KubeConfig } from '@kubernetes/client-node';
import { BotError } from '../core/errors.js';

/** What it takes to reach a cluster with a client certificate (all PEM). */
export interface CertCredentials {
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');

/**
 * A KubeConfig held in memory only, TLS verified against the cluster CA. `userName` must be
 * unique per cluster: client-node caches credentials by user name (client-node issue #592).
 */
export function buildKubeConfig(clusterName: string, userName: string, creds: CertCredentials): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: clusterName, server: normalizeServer(creds.server), caData: b64(creds.caPem), skipTLSVerify: false }],
    users: [{ name: userName, certData: b64(creds.certPem), keyData: b64(creds.keyPem) }],
    contexts: [{ name: 'default', cluster: clusterName, user: userName }],
    currentContext: 'default',
  });
  return kc;
}

/** Loads a kubeconfig file (its current context); refuses one that turns TLS verification off. */
export function loadKubeConfigFile(path: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (error) {
    throw new BotError('kubeconfig_invalid', 'The kubeconfig file for this cluster cannot be read.', { cause: error });
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new BotError('kubeconfig_invalid', 'The kubeconfig file for this cluster has no current context.');
  if (cluster.skipTLSVerify) {
    throw new BotError(
      'kubeconfig_insecure',
      'The kubeconfig file for this cluster turns TLS verification off (insecure-skip-tls-verify); the bot will not use it.',
    );
  }
  return kc;
}

/** Magnum's api_address is `https://IP:6443`; older drivers give `IP:6443` without a scheme. */
export function normalizeServer(apiAddress: string): string {
  return /^https?:\/\//.test(apiAddress) ? apiAddress : `https://${apiAddress}`;
}
