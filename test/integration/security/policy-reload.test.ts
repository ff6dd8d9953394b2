import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/core/errors.js';
import { resolveRole } from '../../../src/security/policy.js';
import { createPolicySource, type PolicyReloadResult, type PolicySource } from '../../../src/security/policy-source.js';
import { recordingLogger } from '../../unit/security/fakes.js';

const ALICE = { userId: 'U0ALICE', userGroups: [] };

describe('policy source', () => {
  let dir: string;
  let file: string;
  let source: PolicySource | undefined;
  let reloads: PolicyReloadResult[];
  let waiters: ((result: PolicyReloadResult) => void)[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-policy-'));
    file = join(dir, 'policy.yaml');
    reloads = [];
    waiters = [];
  });

  afterEach(() => {
    source?.close();
    source = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function start(text: string, logger = recordingLogger()) {
    writeFileSync(file, text);
    source = createPolicySource({
      file,
      operators: [],
      admins: [],
      logger,
      debounceMs: 20,
      onReload: (result) => {
        reloads.push(result);
        waiters.shift()?.(result);
      },
    });
    return { source, logger };
  }

  const nextReload = () => new Promise<PolicyReloadResult>((resolve) => waiters.push(resolve));

  it('picks up an edit to the file', async () => {
    const { source } = start('version: 1\nusers: { U0ALICE: viewer }\n');
    expect(resolveRole(source.current(), ALICE)).toEqual('viewer');
    const reloaded = nextReload();
    writeFileSync(file, 'version: 1\nusers: { U0ALICE: operator }\n');
    expect((await reloaded).ok).toEqual(true);
    expect(resolveRole(source.current(), ALICE)).toEqual('operator');
  });

  it('picks up a file replaced by rename, as editors and ConfigMap updates do', async () => {
    const { source } = start('version: 1\n');
    const reloaded = nextReload();
    writeFileSync(join(dir, '.policy.yaml.tmp'), 'version: 1\nusers: { U0ALICE: admin }\n');
    renameSync(join(dir, '.policy.yaml.tmp'), file);
    await reloaded;
    expect(resolveRole(source.current(), ALICE)).toEqual('admin');
  });

  it('keeps the last good policy after a bad edit and logs why', async () => {
    const { source, logger } = start('version: 1\nusers: { U0ALICE: operator }\n');
    const reloaded = nextReload();
    writeFileSync(file, 'version: 1\nusers: { U0ALICE: superuser }\n');
    expect(await reloaded).toEqual({ ok: false, problems: [`${file}: users.U0ALICE: must be one of viewer, operator, admin`] });
    expect(resolveRole(source.current(), ALICE)).toEqual('operator');
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'policy file invalid, keeping the last good policy',
    ]);

    const fixed = nextReload();
    writeFileSync(file, 'version: 1\nusers: { U0ALICE: admin }\n');
    expect((await fixed).ok).toEqual(true);
    expect(resolveRole(source.current(), ALICE)).toEqual('admin');
  });

  it('reloads on demand', () => {
    const { source } = start('version: 1\n');
    writeFileSync(file, 'version: 1\nusers: { U0ALICE: operator }\n');
    expect(source.reload().ok).toEqual(true);
    expect(resolveRole(source.current(), ALICE)).toEqual('operator');
  });

  it('refuses to start with an invalid file, listing every problem', () => {
    writeFileSync(file, 'version: 3\nusers: { alice: admin }\n');
    let caught: unknown;
    try {
      createPolicySource({ file, operators: [], admins: [], logger: recordingLogger(), watch: false });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      `${file}: version: must be 1`,
      `${file}: users.alice: invalid key: must be a Slack user id (U... or W...), not a name`,
    ]);
  });

  it('refuses to start when the file is missing', () => {
    expect(() => createPolicySource({ file: join(dir, 'absent.yaml'), operators: [], admins: [], logger: recordingLogger() })).toThrow(
      ConfigError,
    );
  });

  it('warns that KUBE_OPERATORS and KUBE_ADMINS are ignored when a file is set', () => {
    writeFileSync(file, 'version: 1\n');
    const logger = recordingLogger();
    source = createPolicySource({ file, operators: ['U0OPER'], admins: [], logger, watch: false });
    expect(resolveRole(source.current(), { userId: 'U0OPER', userGroups: [] })).toEqual('viewer');
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'policy file set: KUBE_OPERATORS and KUBE_ADMINS are ignored',
    ]);
  });

  it('uses KUBE_OPERATORS and KUBE_ADMINS without a file', () => {
    source = createPolicySource({ operators: ['U0OPER'], admins: ['U0ADMIN'], logger: recordingLogger() });
    expect(source.current().origin).toEqual('env');
    expect(resolveRole(source.current(), { userId: 'U0ADMIN', userGroups: [] })).toEqual('admin');
    expect(resolveRole(source.current(), { userId: 'U0OPER', userGroups: [] })).toEqual('operator');
  });
});
