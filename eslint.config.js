// ESLint: typescript-eslint's type-aware rules, plus the import boundaries
// between runtimes. A wrong import fails `npm run lint`, which `npm test` runs.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/**
 * Import rules for one zone. `modules` are exact package names (a bare name in
 * `patterns` would match any path segment); `patterns` are gitignore-style globs.
 */
function boundary(files, { modules = [], patterns = [], message }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: modules.map((name) => ({ name, message })),
          patterns: patterns.map((group) => ({ group: [group], message })),
        },
      ],
    },
  };
}

const nodeModules = [...nodeBuiltins];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // Tool configs at the top level are checked with the tests' (strict) settings.
          allowDefaultProject: ['eslint.config.js', 'vite.config.ts', 'vitest.config.ts'],
          defaultProject: './tests/tsconfig.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      // Handlers and ports are async by contract even when a body needs no await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['renderer/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    // Zustand selectors hand out store actions, which never use `this`.
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  { files: ['scripts/**', 'tests/bench/**', 'tests/torture/**', 'electron/cli/**'], rules: { 'no-console': 'off' } },
  {
    files: ['electron/services/**', 'electron/main/**', 'electron/cli/**', 'scripts/**', 'tests/**', '*.ts', '*.js'],
    languageOptions: { globals: globals.node },
  },

  // ---- boundaries -----------------------------------------------------------
  boundary(['electron/core/**'], {
    modules: ['electron', ...nodeModules, 'react', 'react-dom', 'lowdb', 'jsdom'],
    patterns: ['node:*', 'react/*', 'react-dom/*', '**/services/**', '**/main/**', '**/preload/**', '**/renderer/**'],
    message: 'The core is pure: no Electron, no Node modules, no DOM, no React, and no other zone.',
  }),
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'process',
        'require',
        'Buffer',
        '__dirname',
        'setImmediate',
      ],
    },
  },
  boundary(['electron/services/**', 'electron/cli/**'], {
    modules: ['electron', 'react', 'react-dom'],
    patterns: ['react/*', 'react-dom/*', '**/main/**', '**/preload/**', '**/renderer/**'],
    message: 'Services run in plain Node: no Electron, no React, and no main, preload or renderer code.',
  }),
  boundary(['electron/main/**'], {
    modules: ['react', 'react-dom'],
    patterns: ['react/*', 'react-dom/*', '**/renderer/**', '**/preload/**'],
    message: 'The main process may use the core and the services, never renderer or preload code.',
  }),
  boundary(['electron/preload/**'], {
    modules: [...nodeModules, 'zod', 'react', 'react-dom'],
    patterns: ['node:*', '**/services/**', '**/main/**', '**/renderer/**', '**/contract/api', '**/contract/views', '**/contract/dispatch'],
    message: 'The preload may import only electron and the bridge: it must stay tiny and sandbox-safe.',
  }),
  boundary(['renderer/**'], {
    modules: ['electron', ...nodeModules, 'lowdb', 'jsdom'],
    patterns: ['node:*', '**/electron/services/**', '**/electron/main/**', '**/electron/preload/**'],
    message: 'The renderer reaches the main process only through the API client; it may import the core, nothing else from electron/.',
  }),
  {
    files: ['renderer/**'],
    ignores: ['renderer/src/api/client.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='briefing']",
          message: 'Only renderer/src/api/client.ts touches window.briefing.',
        },
        {
          selector: "MemberExpression[object.name='window'][property.value='briefing']",
          message: 'Only renderer/src/api/client.ts touches window.briefing.',
        },
      ],
    },
  },
  {
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
