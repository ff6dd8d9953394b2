/**
 * `OS_CLOUD` from clouds.yaml, the way openstacksdk finds it: OS_CLIENT_CONFIG_FILE first,
 * then ./, ~/.config/openstack/, /etc/openstack/ (clouds.yaml, clouds.yml, clouds.json);
 * the first file found wins, and secure.yaml from the same places is merged over it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import type { OpenStackCredentials } from '../config/load-config.js';

const NAMES = ['clouds.yaml', 'clouds.yml', 'clouds.json'];
const SECURE_NAMES = ['secure.yaml', 'secure.yml', 'secure.json'];

const CloudEntry = z.object({
  auth_type: z.string().optional(),
  auth: z
    .object({
      auth_url: z.string().optional(),
      application_credential_id: z.string().optional(),
      application_credential_secret: z.string().optional(),
      username: z.string().optional(),
      password: z.string().optional(),
      user_domain_name: z.string().optional(),
      user_domain_id: z.string().optional(),
      project_name: z.string().optional(),
      project_id: z.string().optional(),
      project_domain_name: z.string().optional(),
      project_domain_id: z.string().optional(),
    })
    .default({}),
  region_name: z.string().optional(),
  regions: z.array(z.union([z.string(), z.object({ name: z.string() })])).optional(),
  interface: z.enum(['public', 'internal', 'admin']).optional(),
  cacert: z.string().optional(),
});

const CloudsFile = z.object({ clouds: z.record(z.string(), z.unknown()).default({}) });

export interface CloudsYamlLocations {
  /** OS_CLIENT_CONFIG_FILE, searched before the standard places. */
  configFile?: string;
  cwd: string;
  homeDir: string;
}

/** The candidate clouds.yaml and secure.yaml paths, in search order. */
export function cloudsYamlPaths(where: CloudsYamlLocations): { clouds: string[]; secure: string[] } {
  const dirs = [where.cwd, join(where.homeDir, '.config', 'openstack'), '/etc/openstack'];
  const clouds = dirs.flatMap((dir) => NAMES.map((name) => join(dir, name)));
  return {
    clouds: where.configFile ? [where.configFile, ...clouds] : clouds,
    secure: dirs.flatMap((dir) => SECURE_NAMES.map((name) => join(dir, name))),
  };
}

export type ReadFile = (path: string) => string | undefined;

/** Reads a file, or undefined when it does not exist. */
export const readIfExists: ReadFile = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** `base` completed from the named cloud of the first clouds.yaml found. */
export function resolveCloudsYaml(
  base: OpenStackCredentials,
  cloud: string,
  paths: { clouds: string[]; secure: string[] },
  read: ReadFile = readIfExists,
): OpenStackCredentials {
  const found = firstFile(paths.clouds, read);
  if (!found) throw new ConfigError([`OS_CLOUD=${cloud}: no clouds.yaml found (looked in ${paths.clouds.join(', ')})`]);
  const clouds = readClouds(found);
  const secure = firstFile(paths.secure, read);
  const secureClouds = secure ? readClouds(secure) : {};
  const names = Object.keys(clouds);
  // openstacksdk: with OS_CLOUD unset and a single cloud defined, that cloud is used.
  const name = clouds[cloud] !== undefined ? cloud : cloud === 'default' && names.length === 1 ? (names[0] ?? cloud) : undefined;
  if (name === undefined)
    throw new ConfigError([`OS_CLOUD=${cloud}: no such cloud in ${found.path} (clouds: ${names.join(', ') || 'none'})`]);
  const merged = deepMerge(clouds[name], secureClouds[name]);
  const parsed = CloudEntry.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${found.path}: clouds.${name}.${i.path.join('.')}: ${i.message}`));
  }
  return toCredentials(base, name, found.path, parsed.data);
}

function toCredentials(base: OpenStackCredentials, name: string, file: string, entry: z.infer<typeof CloudEntry>): OpenStackCredentials {
  const { auth } = entry;
  const where = `${file}: clouds.${name}`;
  const problems: string[] = [];
  const out: OpenStackCredentials = {
    ...base,
    cloud: name,
    authUrl: auth.auth_url ?? base.authUrl,
    regionName: base.regionName ?? entry.region_name ?? regionOf(entry.regions?.[0]),
    interface: entry.interface ?? base.interface,
    caCertFile: base.caCertFile ?? entry.cacert,
    cloudsYaml: { cloud: name, file },
  };
  if (!out.authUrl) problems.push(`${where}.auth.auth_url is missing`);
  const appCred = entry.auth_type === 'v3applicationcredential' || (entry.auth_type === undefined && auth.application_credential_id);
  if (appCred) {
    if (!auth.application_credential_id || !auth.application_credential_secret) {
      problems.push(`${where}: application credentials need auth.application_credential_id and _secret`);
    } else {
      out.applicationCredential = { id: auth.application_credential_id, secret: auth.application_credential_secret };
      out.password = undefined;
    }
  } else if (entry.auth_type === undefined || entry.auth_type === 'password' || entry.auth_type === 'v3password') {
    if (!auth.username || !auth.password) problems.push(`${where}: password auth needs auth.username and auth.password`);
    if (!auth.project_name && !auth.project_id) problems.push(`${where}: password auth needs auth.project_name or auth.project_id`);
    if (auth.username && auth.password) {
      out.applicationCredential = undefined;
      out.password = {
        username: auth.username,
        password: auth.password,
        userDomainName: auth.user_domain_name ?? domainName(auth.user_domain_id, problems, where),
        projectName: auth.project_name,
        projectId: auth.project_id,
        projectDomainName: auth.project_domain_name ?? (auth.project_id ? 'Default' : domainName(auth.project_domain_id, problems, where)),
      };
    }
  } else {
    problems.push(`${where}: auth_type ${entry.auth_type} is not supported (use v3applicationcredential or password)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out;
}

function domainName(id: string | undefined, problems: string[], where: string): string {
  // Keystone's built-in domain has id `default` and name `Default`; other ids need their name.
  if (id !== undefined && id !== 'default')
    problems.push(`${where}: give the domain by name (user_domain_name, project_domain_name), not id ${id}`);
  return 'Default';
}

function readClouds(file: { path: string; text: string }): Record<string, unknown> {
  try {
    return CloudsFile.parse(parse(file.text) ?? {}).clouds;
  } catch (error) {
    throw new ConfigError([
      `${file.path}: not a valid clouds file (${error instanceof Error ? error.message.split('\n')[0] : 'parse error'})`,
    ]);
  }
}

function regionOf(region: string | { name: string } | undefined): string | undefined {
  return typeof region === 'string' ? region : region?.name;
}

function firstFile(paths: readonly string[], read: ReadFile): { path: string; text: string } | undefined {
  for (const path of paths) {
    const text = read(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
