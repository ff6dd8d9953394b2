import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path';

export interface KubeconfigFile {
  /** The file's base name without extension, used as the cluster name in `/kube` commands. */
  name: string;
  path: string;
}

/** Why an entry of KUBECONFIG_DIR is not read (each is logged as a warning by the caller). */
export interface SkippedEntry {
  entry: string;
  reason: string;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.conf']);

function kubeconfigName(entry: string): string | null {
  if (entry === 'kubeconfig') return 'kubeconfig';
  const ext = extname(entry);
  return EXTENSIONS.has(ext) ? basename(entry, ext) : null;
}

/**
 * The kubeconfig files of KUBECONFIG_DIR: `*.yaml`, `*.yml`, `*.conf` and files named
 * `kubeconfig`. A Kubernetes Secret or ConfigMap volume holds each key as a symlink into
 * `..data`, itself a symlink to a `..<timestamp>` directory: symlinks are followed when they
 * resolve to a regular file inside the directory, and the `..`-prefixed entries (the mount's
 * own copies, reached through those symlinks) are passed over quietly. Anything else left out
 * (another dot file, a name that is not a kubeconfig's, a dangling link, a link out of the
 * directory, a directory) is reported to `onSkip`.
 */
export async function listKubeconfigFiles(
  dir: string,
  onSkip: (skipped: SkippedEntry) => void = () => undefined,
): Promise<KubeconfigFile[]> {
  let entries;
  let root: string;
  try {
    entries = await readdir(dir, { withFileTypes: true });
    root = await realpath(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: KubeconfigFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('..')) continue;
    const skip = (reason: string) => onSkip({ entry: entry.name, reason });
    if (entry.name.startsWith('.')) {
      skip('hidden file');
      continue;
    }
    const name = kubeconfigName(entry.name);
    if (name === null) {
      skip('not a kubeconfig name (*.yaml, *.yml, *.conf or kubeconfig)');
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(path);
      } catch {
        skip('dangling symlink');
        continue;
      }
      const inside = relative(root, target);
      if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
        skip('symlink to a file outside the directory');
        continue;
      }
      if (!(await stat(target)).isFile()) {
        skip('symlink to something that is not a file');
        continue;
      }
    } else if (!entry.isFile()) {
      skip('not a file');
      continue;
    }
    files.push({ name, path });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
