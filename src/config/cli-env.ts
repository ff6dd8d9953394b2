import { ConfigError } from '../core/errors.js';
import { toDiagnosticsThresholds, toOpenStackCredentials, type OpenStackCredentials } from './load-config.js';
import { Env } from './schema.js';

/** What the shell commands (`diagnose`, `show`) need: OpenStack credentials, as the bot reads them. */
export interface CliConfig {
  openstack: OpenStackCredentials;
  kubeconfigDir?: string;
  diagnostics: { containerCreatingMinutes: number; slowCreateMinutes: number; stuckCreateMinutes: number };
}

const CliEnv = Env.pick({
  OS_CLOUD: true,
  OS_CLIENT_CONFIG_FILE: true,
  OS_AUTH_URL: true,
  OS_APPLICATION_CREDENTIAL_ID: true,
  OS_APPLICATION_CREDENTIAL_SECRET: true,
  OS_USERNAME: true,
  OS_PASSWORD: true,
  OS_PROJECT_NAME: true,
  OS_PROJECT_ID: true,
  OS_USER_DOMAIN_NAME: true,
  OS_PROJECT_DOMAIN_NAME: true,
  OS_REGION_NAME: true,
  OS_INTERFACE: true,
  OS_CACERT: true,
  KUBECONFIG_DIR: true,
  DIAG_CONTAINER_CREATING_MINUTES: true,
  DIAG_SLOW_CREATE_MINUTES: true,
  DIAG_STUCK_CREATE_MINUTES: true,
});

/** Reads the OS_* (or OS_CLOUD + clouds.yaml) environment without the bot's Slack and Redis keys. */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const values = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = CliEnv.safeParse(values);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  const e = parsed.data;
  const openstack = toOpenStackCredentials(e);
  if (e.OS_AUTH_URL && !openstack.applicationCredential && !openstack.password) {
    throw new ConfigError(['OS_AUTH_URL is set but neither OS_APPLICATION_CREDENTIAL_ID/SECRET nor OS_USERNAME/OS_PASSWORD are']);
  }
  return { openstack, kubeconfigDir: e.KUBECONFIG_DIR, diagnostics: toDiagnosticsThresholds(e) };
}
