import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../../../src/diagnostics/rules/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('rule files', () => {
  it.each(ALL_RULES.map((r) => [r.id]))('%s has its own source file and test table', (id) => {
    expect(existsSync(`${here}/../../../src/diagnostics/rules/${id}.ts`)).toBe(true);
    expect(existsSync(`${here}/rules/${id}.test.ts`)).toBe(true);
  });
});
