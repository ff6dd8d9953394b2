import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import { envPolicy, parsePolicy, type Policy } from './policy.js';

export type PolicyReloadResult = { ok: true; policy: Policy } | { ok: false; problems: string[] };

/** The policy in force; with a file, it follows edits to that file. */
export interface PolicySource {
  current(): Policy;
  /** Re-reads the file now (e.g. on SIGHUP); a bad file keeps the last good policy. */
  reload(): PolicyReloadResult;
  close(): void;
}

export interface PolicySourceOptions {
  file?: string;
  operators: readonly string[];
  admins: readonly string[];
  logger: Logger;
  /** Reload when the file changes (default true when a file is given). */
  watch?: boolean;
  debounceMs?: number;
  /** Called after every reload attempt that found changed content (tests await it). */
  onReload?: (result: PolicyReloadResult) => void;
}

/** Loads the policy (file, else env lists); throws ConfigError when the file is unreadable or invalid at start. */
export function createPolicySource(options: PolicySourceOptions): PolicySource {
  const { file, logger } = options;
  if (file === undefined) {
    const policy = envPolicy(options.operators, options.admins);
    return { current: () => policy, reload: () => ({ ok: true, policy }), close: () => undefined };
  }
  const path = resolve(file);
  if (options.operators.length > 0 || options.admins.length > 0) {
    logger.warn({ file: path }, 'policy file set: KUBE_OPERATORS and KUBE_ADMINS are ignored');
  }
  const first = read(path);
  if (!first.ok) throw new ConfigError(first.problems);
  const firstParse = parsePolicy(first.text, path);
  if (!firstParse.ok) throw new ConfigError(firstParse.problems);
  let policy = firstParse.policy;
  let lastText = first.text;
  logger.info({ file: path, ...counts(policy) }, 'policy loaded');

  const reload = (): PolicyReloadResult => {
    const got = read(path);
    if (!got.ok) {
      logger.error({ file: path, problems: got.problems }, 'policy file unreadable, keeping the last good policy');
      return { ok: false, problems: got.problems };
    }
    if (got.text === lastText) return { ok: true, policy };
    lastText = got.text;
    const parsed = parsePolicy(got.text, path);
    if (!parsed.ok) {
      logger.error({ file: path, problems: parsed.problems }, 'policy file invalid, keeping the last good policy');
      return parsed;
    }
    policy = parsed.policy;
    logger.info({ file: path, ...counts(policy) }, 'policy reloaded');
    return parsed;
  };

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch ?? true) {
    const debounceMs = options.debounceMs ?? 200;
    // Watch the directory, not the file: editors replace files by rename and Kubernetes
    // swaps ConfigMap mounts through a `..data` symlink, both of which a file watch misses.
    // Any event re-reads the file; unchanged content is ignored.
    watcher = watch(dirname(path), () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        const before = lastText;
        const result = reload();
        if (!result.ok || lastText !== before) options.onReload?.(result);
      }, debounceMs);
    });
    watcher.on('error', (error) => logger.error({ file: path, err: error }, 'policy watch failed'));
  }

  return {
    current: () => policy,
    reload,
    close: () => {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}

function read(path: string): { ok: true; text: string } | { ok: false; problems: string[] } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { ok: false, problems: [`${path}: cannot read the policy file (${code})`] };
  }
}

function counts(policy: Policy): Record<string, number> {
  return { users: policy.users.size, usergroups: policy.usergroups.size, channels: policy.channels.size };
}
