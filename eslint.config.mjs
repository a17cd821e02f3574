// @ts-check
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { webLayersPlugin } from './apps/web/eslint-layers.mjs';
import { boundariesPlugin } from './eslint-boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // A lib is reached through its public index; its entities only by the schema module, migrations,
    // entity files and tests that seed rows (eslint-boundaries.mjs).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'migrations/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    ignores: ['apps/web/**'],
    plugins: { accord: boundariesPlugin },
    rules: { 'accord/lib-boundaries': 'error' },
  },
  {
    // Command-line entry points and benchmarks talk to a person on the terminal.
    files: ['bench/**/*.ts', 'scripts/**/*.ts', '**/*.cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The web app: React's hook rules, and its one-way layering (apps/web/eslint-layers.mjs).
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, web: webLayersPlugin },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'web/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
