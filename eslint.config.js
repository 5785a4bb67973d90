// Lint, and the layering that keeps the product's three rooms apart (see each folder's README):
// shared/ is pure, the renderer never reaches Node or main, main never reaches the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** A folder may import itself and the listed folders, nothing else of the project. */
const layer = (from, to) => ({
  from: { element: { type: from } },
  allow: { to: { element: { types: { anyOf: to } } } },
});

/** Imports a runtime may not use, whatever the path they are reached by. */
const forbid = (names, message) => ({ paths: names.map((name) => ({ name, message })), patterns: [] });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'playwright-report/', 'test/.generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Plain JS entry points and build scripts run under Node.
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['shared/**', 'electron/**', 'renderer/**', 'server/**', 'test/**'],
      'boundaries/elements': [
        { type: 'shared', pattern: 'shared/**' },
        { type: 'electron', pattern: 'electron/**' },
        { type: 'renderer', pattern: 'renderer/**' },
        { type: 'server', pattern: 'server/**' },
        { type: 'test', pattern: 'test/**' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            layer('shared', ['shared']),
            layer('electron', ['shared', 'electron']),
            layer('renderer', ['shared', 'renderer']),
            layer('server', ['shared', 'server']),
            layer('test', ['shared', 'electron', 'renderer', 'server', 'test']),
            // External packages are governed per folder by no-restricted-imports below.
            { allow: { to: { module: { origin: 'external' } } } },
            { allow: { to: { module: { origin: 'core' } } } },
          ],
        },
      ],
    },
  },
  {
    // The domain runs anywhere: Node, a browser, a Web Worker. No Node, Electron, DOM or React.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid([...nodeBuiltins, 'electron', 'react', 'react-dom', 'dexie', 'sharp', 'tesseract.js'],
          'shared/ is pure domain code: no Node, Electron, DOM, React, storage or native modules.'),
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage', 'indexedDB'],
    },
  },
  {
    // The sandboxed renderer has no Node and no native modules; it talks to main through the preload API.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        forbid([...nodeBuiltins, 'electron', 'sharp', 'tesseract.js'],
          'renderer/ runs sandboxed: use the preload API (window.mailroom), never Node or Electron.'),
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', forbid(['react', 'react-dom', 'dexie'], 'main-side code does not render or own the records.')],
    },
  },
);
