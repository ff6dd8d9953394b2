/**
 * Where the real OpenStack peers (Keystone + Magnum on loopback, started by `.ci/peers.sh`
 * from `../shared/peers`) left their credentials file, for the conformance suite.
 */
export const PEERS_RC_ENV = 'KUBE_CHATOPS_PEERS_RC';

/** The path of the peers' `admin.rc` (OS_* exports), or undefined when the peers were not started. */
export function peersRcPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[PEERS_RC_ENV]?.trim();
  return value ? value : undefined;
}
