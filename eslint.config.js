import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/bin/**', 'bench/**', 'scripts/**', 'test/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    // A suite that skips (a CLI or peer is missing) says so on stderr instead of passing silently.
    files: ['test/**'],
    rules: { 'no-console': ['error', { allow: ['warn'] }] },
  },
  {
    // Plain Node scripts: Node's globals, checked by running them.
    files: ['**/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
);
