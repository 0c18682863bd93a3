// One lint configuration for the whole repository (functions, shared, infra, tests, miniapp).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'miniapp/dist/**',
      '.serverless/**',
      '.esbuild/**',
      '.data/**',
      'coverage/**',
      'tmp/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx', '**/*.test.ts', '**/*.test.tsx'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
      'no-console': 'off',
    },
  },
  {
    // Command-line scripts print their results.
    files: ['infra/**/*.ts', 'tests/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // One concern a file: a source file past 300 lines is two (tests are exempt).
    files: ['functions/**/*.ts', 'shared/**/*.ts', 'infra/**/*.ts', 'miniapp/src/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // The house's layering (docs/ARCHITECTURE.md), checked on every lint.
    files: ['functions/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(events|spaces|wall|alliance|users|auth|admin|health)(/|$)',
              message: 'functions/lib is the ground floor: it imports no feature.',
            },
            { regex: '(^|/)infra/', message: 'functions/ imports nothing from infra/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/**/*.ts'],
    ignores: ['functions/lib/**', 'functions/*/handlers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)infra/', message: 'functions/ imports nothing from infra/.' }] },
      ],
    },
  },
  {
    files: ['functions/*/handlers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: 'Store$', message: 'A handler calls its service, never a store.' },
            { regex: '(^|/)infra/', message: 'functions/ imports nothing from infra/.' },
          ],
        },
      ],
    },
  },
  ...['alliance', 'events', 'merchant', 'spaces', 'wall'].map((pkg) => ({
    files: [`miniapp/src/packages/${pkg}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${['alliance', 'events', 'merchant', 'spaces', 'wall'].filter((p) => p !== pkg).join('|')})/`,
              message:
                'A subpackage never imports another subpackage: move what both use to src/features/ or src/lib/.',
            },
          ],
        },
      ],
    },
  })),
);
