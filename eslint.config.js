import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// `node:*` as a pattern; bare built-in names as exact paths, since a pattern like 'util' would also match a
// relative import such as '../util/assert-never'.
const nodeBuiltins = ['node:*'];
const bareNodeBuiltins = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls', 'dns', 'url', 'util', 'stream', 'events', 'zlib', 'worker_threads'].map((name) => ({
  name,
  message: 'Use no Node built-ins here.',
}));

/** Import rules per runtime folder (STYLE.md principle 1): the folder says where code runs, lint keeps it there. */
const boundary = (patterns, paths = [], { allowNode = false } = {}) => ({
  'no-restricted-imports': ['error', { patterns, paths: allowNode ? paths : [...bareNodeBuiltins, ...paths] }],
});

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC wrappers (src/main/electron/ipc-main.ts, src/preload) built from src/shared/ipc/contract.ts.',
};

const preloadPatterns = [
  { group: nodeBuiltins, message: 'A sandboxed preload can only use a small subset of Node.' },
  { group: ['**/main/**', '**/renderer/**', '**/simulator/**'], message: 'The preload imports src/shared only.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: boundary([
      { group: ['electron', 'electron/*'], message: 'src/shared runs anywhere: no Electron.' },
      { group: nodeBuiltins, message: 'src/shared runs anywhere: no Node built-ins.' },
      { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'], message: 'src/shared has no UI.' },
      { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/simulator/**'], message: 'src/shared imports only src/shared.' },
    ]),
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: boundary([
      { group: ['electron', 'electron/*'], message: 'The renderer reaches main only through window.broker.' },
      { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins.' },
      { group: ['**/main/**', '**/preload/**', '**/simulator/**'], message: 'The renderer imports src/shared and src/renderer only.' },
    ]),
  },
  {
    files: ['src/preload/**'],
    rules: boundary(preloadPatterns),
  },
  {
    // Only the Electron shell may import electron; services stay runnable in plain Node (tests, CLI, demo).
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: boundary(
      [
        { group: ['electron', 'electron/*', 'electron-store', 'electron-log', 'electron-log/*'], message: 'Only src/main/electron may import Electron; take a narrow interface instead.' },
        { group: ['**/renderer/**', '**/preload/**'], message: 'main never imports renderer or preload.' },
      ],
      [],
      { allowNode: true },
    ),
  },
  {
    files: ['src/main/electron/**'],
    ignores: ['src/main/electron/ipc-main.ts'],
    rules: boundary([{ group: ['**/renderer/**', '**/preload/**'], message: 'main never imports renderer or preload.' }], [rawIpc], { allowNode: true }),
  },
  {
    files: ['src/preload/**'],
    ignores: ['src/preload/index.ts'],
    rules: boundary(preloadPatterns, [rawIpc]),
  },
  {
    files: ['src/simulator/**'],
    rules: boundary(
      [
        { group: ['electron', 'electron/*'], message: 'The simulator is plain Node.' },
        { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'The simulator imports src/shared only: it stands in for Azure, not for the app.' },
      ],
      [],
      { allowNode: true },
    ),
  },
  {
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs', 'test/support/**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', require: 'readonly', module: 'writable', Promise: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
