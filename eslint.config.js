// Flat config. The rules that matter most: orchestrations stay deterministic (no I/O, no clock, no randomness).
const tseslint = require('typescript-eslint');

const nodeBuiltins = require('module').builtinModules.flatMap((m) => [m, `node:${m}`]);

module.exports = tseslint.config(
  {
    ignores: [
      'dist/**',
      'build/**',
      'node_modules/**',
      '**/fixtures/**',
      'coverage/**',
      '.haymaker/**',
      'bin/**',
      '*.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['orchestrations/**/*.ts', 'entities/**/*.ts', 'contract/**/*.ts', 'core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Pure modules must not use Node built-ins.' })),
          patterns: [
            { group: ['@azure/*', '!@azure/functions'], message: 'No Azure SDK in pure modules.' },
            {
              group: ['**/adapters/**', '**/activities/**', '**/embedded-host/**', '**/sandbox/**'],
              message: 'Pure modules import only pure modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // The one bash grammar is a package asset read once per process (web-tree-sitter's own runtime reads its
    // wasm with fs too); parsing after that is pure.
    files: ['core/shell/bash-parser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['orchestrations/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use context.df.currentUtcDateTime.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use context.df.currentUtcDateTime.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use the run seed.',
        },
      ],
    },
  },
);
