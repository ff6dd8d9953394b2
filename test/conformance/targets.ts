/**
 * The two clouds the conformance sequence runs against: the simulated cloud (its clock is
 * stepped between polls) and the real Keystone + Magnum peers (real time passes).
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OpenStackCredentials } from '../../src/config/load-config.js';
import type { Sim } from '../../src/sim/index.js';
import type { PasswordLogin } from './wire.js';

export interface Target {
  name: 'sim' | 'real';
  login: PasswordLogin;
  /** OS_* variables for the real `openstack` CLI. */
  cliEnv: Record<string, string>;
  /** A keypair the cloud's Nova knows (the stand-in Nova has `ops-key`, the sim `demo-key`). */
  keypair: string;
  /** Lets time pass between two polls. */
  tick(): Promise<void>;
  /** Polls before a wait gives up. */
  maxPolls: number;
}

/** The simulated cloud, whose clock moves a minute per poll (a create takes 18 simulated minutes). */
export function simTarget(sim: Sim): Target {
  return {
    name: 'sim',
    login: loginFrom(sim.osEnv),
    cliEnv: sim.osEnv,
    keypair: 'demo-key',
    tick: async () => sim.clock.advance(60_000),
    maxPolls: 90,
  };
}

/** The real peers described by `admin.rc`; a create takes ~40 s, a resize ~25 s. */
export async function realTarget(rcFile: string): Promise<Target> {
  const env = parseRc(await readFile(rcFile, 'utf8'));
  return {
    name: 'real',
    login: loginFrom(env),
    cliEnv: env,
    keypair: 'ops-key',
    tick: () => sleep(2_000),
    maxPolls: 150,
  };
}

/** The `export K=V [K=V ...]` lines of an openrc file (what the peers' `admin.rc` holds). */
export function parseRc(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('export ')) continue;
    for (const word of trimmed.slice('export '.length).split(/\s+/)) {
      const eq = word.indexOf('=');
      if (eq > 0) env[word.slice(0, eq)] = word.slice(eq + 1).replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return env;
}

/** The bot's credentials for the same login (password auth, public interface). */
export function credentialsFor(target: Target): OpenStackCredentials {
  const l = target.login;
  return {
    cloud: target.name,
    authUrl: l.authUrl,
    password: {
      username: l.username,
      password: l.password,
      projectName: l.projectName,
      userDomainName: l.userDomainName,
      projectDomainName: l.projectDomainName,
    },
    regionName: l.regionName,
    interface: 'public',
  };
}

function loginFrom(env: Record<string, string>): PasswordLogin {
  const get = (key: string, fallback?: string): string => {
    const value = env[key] ?? fallback;
    if (value === undefined) throw new Error(`${key} is missing from the OpenStack environment`);
    return value;
  };
  return {
    authUrl: get('OS_AUTH_URL'),
    username: get('OS_USERNAME'),
    password: get('OS_PASSWORD'),
    projectName: get('OS_PROJECT_NAME'),
    userDomainName: get('OS_USER_DOMAIN_NAME', 'Default'),
    projectDomainName: get('OS_PROJECT_DOMAIN_NAME', 'Default'),
    regionName: get('OS_REGION_NAME', 'RegionOne'),
  };
}
