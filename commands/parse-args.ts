import type { z } from 'zod';
import { UsageError } from '../src/core/errors.js';
import { ClusterName } from '../src/core/requests/names.js';

/** Splits command text into words, honouring "double" and 'single' quotes. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of text
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .matchAll(pattern)) {
    words.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return words;
}

export type FlagKind = 'string' | 'boolean' | 'list';

export interface FlagSpec {
  kind: FlagKind;
  alias?: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | string[]>;
}

/** Separates `--flag value`, `--flag=value`, `-n value` and booleans from positionals. */
export function parseFlags(argv: readonly string[], spec: Record<string, FlagSpec>, usage: string): ParsedArgs {
  const byAlias = new Map(Object.entries(spec).flatMap(([name, s]) => (s.alias ? [[s.alias, name] as const] : [])));
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (!word.startsWith('-') || /^-\d/.test(word)) {
      positionals.push(word);
      continue;
    }
    const [rawName, inlineValue] = word.startsWith('--') ? splitOnce(word.slice(2), '=') : [word.slice(1), undefined];
    const name = spec[rawName] ? rawName : byAlias.get(rawName);
    const flag = name ? spec[name] : undefined;
    if (!name || !flag) throw new UsageError(`Unknown option \`${word}\`.`, usage);
    if (flag.kind === 'boolean') {
      if (inlineValue !== undefined) throw new UsageError(`Option \`--${name}\` takes no value.`, usage);
      flags[name] = true;
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
      throw new UsageError(`Option \`--${name}\` needs a value.`, usage);
    }
    if (flag.kind === 'list') flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else if (flags[name] !== undefined) throw new UsageError(`Option \`--${name}\` given twice.`, usage);
    else flags[name] = value;
  }
  return { positionals, flags };
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Validates with zod and turns the first problems into one UsageError. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, usage: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => issue.message);
  throw new UsageError(problems.join(' '), usage);
}

export { ClusterName };

/** Rejects words after the ones a command takes. */
export function noExtra(positionals: readonly string[], count: number, usage: string): void {
  if (positionals.length > count) {
    throw new UsageError(`Unexpected argument \`${positionals[count]}\`.`, usage);
  }
}

/** The parser of subcommands that take exactly one cluster name and no options. */
export function parseClusterOnly(argv: readonly string[], usage: string): { cluster: string } {
  const { positionals } = parseFlags(argv, {}, usage);
  noExtra(positionals, 1, usage);
  return { cluster: validate(ClusterName, positionals[0], usage) };
}

/** The parser of subcommands that take nothing. */
export function parseNothing(argv: readonly string[], usage: string): Record<string, never> {
  noExtra(parseFlags(argv, {}, usage).positionals, 0, usage);
  return {};
}
