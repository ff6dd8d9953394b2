import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

export interface KubeconfigFile {
  /** The file's base name without extension, used as the cluster name in `/kube` commands. */
  name: string;
  path: string;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.conf']);

/** The kubeconfig files of KUBECONFIG_DIR: `*.yaml`, `*.yml`, `*.conf` and files named `kubeconfig`. */
export async function listKubeconfigFiles(dir: string): Promise<KubeconfigFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: KubeconfigFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const ext = extname(entry.name);
    if (entry.name === 'kubeconfig') files.push({ name: 'kubeconfig', path: join(dir, entry.name) });
    else if (EXTENSIONS.has(ext)) files.push({ name: basename(entry.name, ext), path: join(dir, entry.name) });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
