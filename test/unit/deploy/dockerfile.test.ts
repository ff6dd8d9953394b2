/**
 * The Dockerfile's essentials, read from the file (CI also builds and runs it with buildah when
 * buildah works on the machine: .ci/image.sh): two stages, production dependencies only at run
 * time, compiled JavaScript under tini as a non-root user, a health check, and a build context
 * that leaves out what must not reach an image.
 */
import { readFileSync } from 'node:fs';

const root = new URL('../../..', import.meta.url).pathname;
const text = readFileSync(`${root}Dockerfile`, 'utf8');
/** Instructions, continuation lines joined, comments dropped. */
const instructions = text
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = instructions.reduce<string[][]>((all, line) => {
  if (line.startsWith('FROM ')) all.push([line]);
  else all.at(-1)?.push(line);
  return all;
}, []);
const runtime = stages.at(-1) ?? [];
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { bin: Record<string, string>; engines: { node: string } };

describe('Dockerfile', () => {
  it('builds in one stage with dev dependencies and runs from another with production ones only', () => {
    expect(stages.map((s) => s[0])).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE} AS runtime']);
    expect(stages[0]?.some((l) => /^RUN npm ci\b/.test(l) && !l.includes('--omit=dev'))).toBe(true);
    expect(stages[0]?.some((l) => l.startsWith('RUN npm run build'))).toBe(true);
    expect(runtime.filter((l) => /\bnpm ci\b/.test(l))).toEqual([expect.stringContaining('npm ci --omit=dev --ignore-scripts')]);
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime.some((l) => /^COPY (src|commands|jobs)\b/.test(l))).toBe(false);
  });

  it('uses a supported Node line for its base image', () => {
    const base = /^ARG NODE_IMAGE=node:(\d+)-/.exec(instructions.find((l) => l.startsWith('ARG NODE_IMAGE=')) ?? '')?.[1];
    expect(Number(base)).toBeGreaterThanOrEqual(Number(/>=\s*(\d+)/.exec(pkg.engines.node)?.[1]));
  });

  it('runs the compiled bin under tini as a non-root user, with a health check on /healthz', () => {
    const user = runtime.find((l) => l.startsWith('USER '))?.slice(5) ?? '';
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    const entrypoint = JSON.parse(runtime.find((l) => l.startsWith('ENTRYPOINT '))?.slice(11) ?? '[]') as string[];
    expect(entrypoint).toEqual(['/usr/bin/tini', '--', 'node', pkg.bin['kube-chatops']]);
    expect(runtime.some((l) => /apt-get install .*\btini\b/.test(l))).toBe(true);
    expect(runtime.find((l) => l.startsWith('HEALTHCHECK '))).toContain('/healthz');
    expect(instructions.join('\n')).not.toMatch(/\btsx\b/);
  });

  it('writes only under /tmp (HOME and TMPDIR), so a read-only root filesystem works', () => {
    expect(runtime).toContain('ENV HOME=/tmp TMPDIR=/tmp PORT=3000');
  });

  it("sizes V8's heap for the bot, below the chart's smallest pod memory limit (bench/tracked-ops runs its worker with the same NODE_OPTIONS)", () => {
    const options = /^ENV NODE_OPTIONS="([^"]*)"$/.exec(runtime.find((l) => l.startsWith('ENV NODE_OPTIONS=')) ?? '')?.[1] ?? '';
    const oldSpaceMb = Number(/--max-old-space-size=(\d+)/.exec(options)?.[1]);
    const limitsMi = [
      ...readFileSync(`${root}deploy/helm/kube-chatops/values.yaml`, 'utf8').matchAll(/limits: \{ memory: (\d+)(Mi|Gi) \}/g),
    ].map(([, n, unit]) => Number(n) * (unit === 'Gi' ? 1024 : 1));

    expect(options).toMatch(/--max-semi-space-size=\d+\b/);
    expect(limitsMi.length).toBeGreaterThan(0);
    expect(oldSpaceMb).toBeLessThanOrEqual(0.75 * Math.min(...limitsMi));
    expect(readFileSync(`${root}bench/tracked-ops/worker.mjs`, 'utf8')).toContain("'NODE_OPTIONS'");
  });

  it('keeps one malloc arena, so memory freed by V8 threads is not held per thread (bench/tracked-ops runs its worker with it too)', () => {
    expect(runtime).toContain('ENV MALLOC_ARENA_MAX="1"');
    expect(readFileSync(`${root}bench/tracked-ops/worker.mjs`, 'utf8')).toContain("'MALLOC_ARENA_MAX'");
  });

  it('keeps secrets, git history, local builds and node_modules out of the build context', () => {
    const ignored = readFileSync(`${root}.dockerignore`, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', '.env', 'node_modules', 'dist', '.tmp']));
  });
});
