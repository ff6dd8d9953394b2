import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../src/core/errors.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { Env, SECRET_KEYS } from '../../../src/config/schema.js';

const minimal = {
  SLACK_SIGNING_SECRET: 'sig',
  SLACK_BOT_TOKEN: 'xoxb-1',
  OS_AUTH_URL: 'http://127.0.0.1:5000/v3',
  OS_USERNAME: 'demo',
  OS_PASSWORD: 'pw',
  OS_PROJECT_NAME: 'demo',
};

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('keeps .env.example and the schema in step, key for key', () => {
    const exampleKeys = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));

    expect([...exampleKeys].sort()).toEqual(Object.keys(Env.shape).sort());
  });

  it('documents every key with a comment line above it', () => {
    const lines = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8').split('\n');
    const undocumented = lines.flatMap((line, i) => {
      if (!/^[A-Z]/.test(line)) return [];
      let j = i - 1;
      while (j >= 0 && /^[A-Z]/.test(lines[j] ?? '')) j--;
      return (lines[j] ?? '').startsWith('#') ? [] : [line];
    });

    expect(undocumented).toEqual([]);
  });

  it('reads a Sentinel group with its passwords, and refuses Sentinels without a master name or with a bad entry', () => {
    const config = loadConfig({
      ...minimal,
      REDIS_SENTINELS: 's1.example:26379, 10.0.0.2:26380,[::1]:26381',
      REDIS_SENTINEL_MASTER: 'mymaster',
      REDIS_PASSWORD: 'data-pw',
      REDIS_SENTINEL_PASSWORD: 'sentinel-pw',
    });

    expect(config.redis.target).toEqual({
      sentinels: [
        { host: 's1.example', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
        { host: '::1', port: 26381 },
      ],
      name: 'mymaster',
      password: 'data-pw',
      sentinelPassword: 'sentinel-pw',
    });
    expect(problemsOf({ ...minimal, REDIS_SENTINELS: 's1:26379' })).toEqual([expect.stringMatching(/^REDIS_SENTINEL_MASTER: required/)]);
    expect(problemsOf({ ...minimal, REDIS_SENTINELS: 's1', REDIS_SENTINEL_MASTER: 'm' })).toEqual([
      expect.stringMatching(/^REDIS_SENTINELS\.0: each entry must be host:port/),
    ]);
  });

  it('puts REDIS_PASSWORD into a REDIS_URL that has none, and keeps one that has', () => {
    expect(loadConfig({ ...minimal, REDIS_URL: 'redis://redis:6379/2', REDIS_PASSWORD: 'p@ss' }).redis.target).toBe(
      'redis://:p%40ss@redis:6379/2',
    );
    expect(loadConfig({ ...minimal, REDIS_URL: 'redis://:own@redis:6379', REDIS_PASSWORD: 'other' }).redis.target).toBe(
      'redis://:own@redis:6379',
    );
  });

  it('applies defaults to a minimal password-auth environment', () => {
    const config = loadConfig(minimal);

    expect(config.role).toBe('all');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.openstack.password).toMatchObject({ username: 'demo', projectName: 'demo', userDomainName: 'Default' });
    expect(config.openstack.interface).toBe('public');
    expect(config.access.operators).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'nope', PORT: 'eighty', ROLE: 'boss' });

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SLACK_SIGNING_SECRET: /),
        expect.stringMatching(/^SLACK_BOT_TOKEN: must be a bot token/),
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^ROLE: /),
        expect.stringMatching(/^OS_AUTH_URL: set OS_CLOUD/),
      ]),
    );
  });

  it('treats empty values as unset, as .env files write them', () => {
    const config = loadConfig({ ...minimal, SLACK_APP_TOKEN: '', OS_REGION_NAME: '' });

    expect(config.slack.appToken).toBeUndefined();
    expect(config.openstack.regionName).toBeUndefined();
  });

  it('prefers an application credential and asks for both halves of it', () => {
    expect(problemsOf({ ...minimal, OS_APPLICATION_CREDENTIAL_ID: 'id' })).toEqual([
      expect.stringMatching(/^OS_APPLICATION_CREDENTIAL_SECRET: an application credential needs both/),
    ]);
    const config = loadConfig({ ...minimal, OS_APPLICATION_CREDENTIAL_ID: 'id', OS_APPLICATION_CREDENTIAL_SECRET: 's' });
    expect(config.openstack.applicationCredential).toEqual({ id: 'id', secret: 's' });
    expect(config.openstack.password).toBeUndefined();
  });

  it('needs the sink keys of the chosen ticket sink', () => {
    expect(problemsOf({ ...minimal, TICKET_SINK: 'zendesk', ZENDESK_URL: 'https://x.zendesk.com' })).toEqual([
      expect.stringMatching(/^ZENDESK_EMAIL: /),
      expect.stringMatching(/^ZENDESK_API_TOKEN: /),
    ]);
  });

  it('parses comma-separated operator lists', () => {
    expect(loadConfig({ ...minimal, KUBE_OPERATORS: 'U1, U2,,' }).access.operators).toEqual(['U1', 'U2']);
  });

  it('marks only keys that exist as secret', () => {
    expect(SECRET_KEYS.filter((k) => !(k in Env.shape))).toEqual([]);
  });
});
