/**
 * The architecture of DESIGN.md section 6, executable: which folder may import which,
 * which folder owns each third-party library, where process.env may be read, no cycles.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(new URL('../../..', import.meta.url).pathname);

interface ImportEdge {
  from: string;
  specifier: string;
  typeOnly: boolean;
  /** `import('…')`: loaded when that code runs, not with the file. */
  dynamic?: boolean;
}

/** The layer a file belongs to: `src/<folder>`, `commands`, `jobs`, or `src/main`. */
function layerOf(file: string): string {
  const parts = relative(root, file).split('/');
  if (parts[0] === 'src') return parts.length === 2 ? `src/${(parts[1] ?? '').replace(/\.ts$/, '')}` : `src/${parts[1]}`;
  return parts[0] ?? '';
}

/** Internal layers each layer may import (its own layer is always allowed). */
const ALLOWED: Record<string, readonly string[]> = {
  'src/core': [],
  'src/config': ['src/core'],
  'src/logging': ['src/core'],
  'src/security': ['src/core', 'src/config'],
  'src/openstack': ['src/core', 'src/config'],
  'src/kube': ['src/core', 'src/config'],
  'src/queue': ['src/core', 'src/config', 'src/security'],
  'src/slack': ['src/core', 'src/config', 'src/render'],
  'src/render': ['src/core'],
  'src/diagnostics': ['src/core'],
  'src/collect': ['src/core'],
  'src/tickets': ['src/core', 'src/config', 'src/render', 'src/security'],
  'src/sim': ['src/core'],
  'src/metrics': ['src/core'],
  // Commands reach the world through ports of src/core only (queue, access, audit, confirmations).
  commands: ['src/core', 'src/render'],
  jobs: ['src/core', 'src/render', 'src/diagnostics', 'src/collect', 'src/security'],
  // The composition root builds adapters and starts roles: no rendering, rules or collection of its own.
  'src/main': [
    'src/core',
    'src/config',
    'src/logging',
    'src/security',
    'src/openstack',
    'src/kube',
    'src/queue',
    'src/slack',
    'src/tickets',
    'src/metrics',
    'commands',
    'jobs',
  ],
  'src/bin': ['*'],
};

/** Third-party libraries and the only layers that may import them at runtime. */
const LIBRARY_OWNERS: Record<string, readonly string[]> = {
  '@slack/bolt': ['src/slack'],
  '@slack/web-api': ['src/slack'],
  '@slack/socket-mode': ['src/slack'],
  bullmq: ['src/queue'],
  ioredis: ['src/queue'],
  '@kubernetes/client-node': ['src/kube'],
  undici: ['src/openstack', 'src/tickets', 'src/slack'],
  'prom-client': ['src/metrics'],
};

/** The only files of `commands/` and `jobs/` that the composition root may import: their registries. */
const MAIN_ENTRY_POINTS = ['commands/index.ts', 'commands/registry.ts', 'jobs/index.ts', 'jobs/job-processors.ts'];
/** The composition root stays a handful of files. */
const MAX_MAIN_FILES = 5;

const PURE_LAYERS = ['src/core', 'src/render', 'src/diagnostics'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): ImportEdge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node)
        ? Boolean(node.importClause?.isTypeOnly) ||
          Boolean(
            node.importClause &&
            !node.importClause.name &&
            node.importClause.namedBindings &&
            ts.isNamedImports(node.importClause.namedBindings) &&
            node.importClause.namedBindings.elements.length > 0 &&
            node.importClause.namedBindings.elements.every((e) => e.isTypeOnly),
          )
        : node.isTypeOnly;
      edges.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) edges.push({ from: file, specifier: arg.text, typeOnly: false, dynamic: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function resolveInternal(edge: ImportEdge): string {
  return resolve(dirname(edge.from), edge.specifier).replace(/\.js$/, '.ts');
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const files = ['src', 'commands', 'jobs'].flatMap((dir) => sourceFiles(join(root, dir)));
const edges = files.flatMap(importsOf);
const internal = edges.filter((e) => e.specifier.startsWith('.'));
const external = edges.filter((e) => !e.specifier.startsWith('.') && !e.specifier.startsWith('node:'));

/** The simulator's one public entry, and the tests of its own parts, which may import those parts. */
const SIM_ENTRY = join(root, 'src/sim/index.ts');
const SIM_OWN_TESTS = ['test/unit/sim/', 'test/integration/sim/'];
const simEdges = [...internal, ...['bench', 'test'].flatMap((dir) => sourceFiles(join(root, dir))).flatMap(importsOf)].filter(
  (edge) => edge.specifier.startsWith('.') && relative(root, resolveInternal(edge)).startsWith('src/sim/'),
);

describe('architecture', () => {
  it('finds the code it checks', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(internal.length).toBeGreaterThan(10);
  });

  it('imports only the layers DESIGN.md allows', () => {
    const violations = internal.flatMap((edge) => {
      const from = layerOf(edge.from);
      const to = layerOf(resolveInternal(edge));
      const allowed = ALLOWED[from];
      if (!allowed) return [`${relative(root, edge.from)}: layer ${from} has no rule`];
      if (from === to || allowed.includes('*') || allowed.includes(to)) return [];
      return [`${relative(root, edge.from)} imports ${to} (${edge.specifier})`];
    });

    expect(violations).toEqual([]);
  });

  it('keeps each third-party library in the one folder that owns it', () => {
    const violations = external.flatMap((edge) => {
      const owners = LIBRARY_OWNERS[packageName(edge.specifier)];
      const layer = layerOf(edge.from);
      if (!owners || edge.typeOnly || owners.includes(layer) || layer === 'src/bin') return [];
      return [`${relative(root, edge.from)} imports ${edge.specifier}`];
    });

    expect(violations).toEqual([]);
  });

  it('keeps core, render and diagnostics pure', () => {
    const violations = edges.flatMap((edge) => {
      const layer = layerOf(edge.from);
      if (!PURE_LAYERS.includes(layer) || edge.typeOnly || edge.specifier.startsWith('.')) return [];
      return edge.specifier === 'zod' ? [] : [`${relative(root, edge.from)} imports ${edge.specifier}`];
    });

    expect(violations).toEqual([]);
  });

  it('lets nothing in src/, commands/ or jobs/ import the simulator but src/bin/', () => {
    const violations = internal
      .filter((edge) => layerOf(resolveInternal(edge)) === 'src/sim' && !['src/sim', 'src/bin'].includes(layerOf(edge.from)))
      .map((edge) => relative(root, edge.from));

    expect(violations).toEqual([]);
  });

  it('keeps src/main to composition: a handful of files, reaching commands and jobs only through their registries', () => {
    const mainFiles = files.filter((file) => layerOf(file) === 'src/main');
    const reachedInto = internal
      .filter((edge) => layerOf(edge.from) === 'src/main' && ['commands', 'jobs'].includes(layerOf(resolveInternal(edge))))
      .map((edge) => relative(root, resolveInternal(edge)))
      .filter((target) => !MAIN_ENTRY_POINTS.includes(target));

    expect(mainFiles.length).toBeLessThanOrEqual(MAX_MAIN_FILES);
    expect(reachedInto).toEqual([]);
  });

  it('lets src/bin/, bench/ and test/ reach the simulator only through src/sim/index.ts (its own tests excepted)', () => {
    const fromEntry = simEdges.filter((edge) => resolveInternal(edge) === SIM_ENTRY).map((edge) => relative(root, edge.from).split('/')[0]);
    expect(new Set(fromEntry)).toEqual(new Set(['src', 'bench', 'test']));

    const violations = simEdges.flatMap((edge) => {
      const from = relative(root, edge.from);
      if (from.startsWith('src/sim/') || SIM_OWN_TESTS.some((dir) => from.startsWith(dir))) return [];
      return resolveInternal(edge) === SIM_ENTRY ? [] : [`${from} imports ${edge.specifier}`];
    });

    expect(violations).toEqual([]);
  });

  it('reads process.env only in src/config', () => {
    const readers = files.filter((file) => layerOf(file) !== 'src/config' && /process\.env\b/.test(readFileSync(file, 'utf8')));

    expect(readers.map((f) => relative(root, f))).toEqual([]);
  });

  /** The files and packages loaded with `entries`, leaving out what they import dynamically (at first use). */
  const staticallyLoaded = (...entries: string[]) => {
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const edge of edges.filter((e) => e.from === file && !e.typeOnly && !e.dynamic)) {
        if (edge.specifier.startsWith('.')) visit(resolveInternal(edge));
        else packages.add(packageName(edge.specifier));
      }
    };
    for (const entry of entries) visit(join(root, entry));
    return { loaded, packages };
  };

  it('keeps the worker role out of the web role: `start` loads no job, no client-node and no OpenStack client until the worker runs', () => {
    const { loaded, packages } = staticallyLoaded('src/bin/start.ts');
    const workerOnly = [...loaded].map((f) => relative(root, f)).filter((f) => /^(jobs|src\/openstack|src\/kube)\//.test(f));

    expect(loaded.size).toBeGreaterThan(20);
    expect(workerOnly).toEqual([]);
    expect([...packages]).not.toContain('@kubernetes/client-node');
  });

  it('keeps the web role and client-node out of the worker role: ROLE=worker loads no command, not the Slack app (start-web) nor Bolt, and client-node only when a job opens a cluster', () => {
    const { loaded, packages } = staticallyLoaded('src/bin/start.ts', 'src/main/start-worker.ts');
    const webOnly = [...loaded].map((f) => relative(root, f)).filter((f) => f.startsWith('commands/') || f === 'src/main/start-web.ts');

    expect(loaded.has(join(root, 'jobs/index.ts'))).toBe(true);
    expect(webOnly).toEqual([]);
    expect([...packages]).not.toContain('@kubernetes/client-node');
    expect([...packages]).not.toContain('@slack/bolt');
  });

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const edge of internal.filter((e) => !e.typeOnly)) {
      graph.set(edge.from, [...(graph.get(edge.from) ?? []), resolveInternal(edge)]);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') {
        cycles.push(
          stack
            .slice(stack.indexOf(node))
            .concat(node)
            .map((f) => relative(root, f))
            .join(' -> '),
        );
        return;
      }
      state.set(node, 'visiting');
      stack.push(node);
      for (const next of graph.get(node) ?? []) visit(next);
      stack.pop();
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node);

    expect(cycles).toEqual([]);
  });
});
