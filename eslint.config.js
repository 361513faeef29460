// Lint rules, and the import boundaries that keep the architecture honest:
// - renderer/ reaches the main process only through window.scoic: no electron/, server/, Node or Electron;
// - shared/ is imported by both sides: no Node, no DOM frameworks, no electron/, server/ or renderer/;
// - main-process services stay plain Node: only the named glue files may import Electron at run time;
// - server/ is a separate program: no electron/ or renderer/ (only electron/demo/ embeds it, for DEMO mode).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { regex: `^(node:.*|${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?$`, message: 'Node APIs are not available here.' };
const electronFolder = { regex: '(^|/)electron(/|$)', message: 'Only the main process may use electron/ code and Electron itself; go through the bridge (window.scoic).' };
const serverFolder = { regex: '(^|/)server(/|$)', message: 'The reference server is a separate program; share code through shared/.' };
const rendererFolder = { regex: '(^|/)renderer(/|$)', message: 'Nothing imports the renderer; share code through shared/.' };
const electronRuntime = {
  regex: '^electron(/.*)?$',
  allowTypeImports: true,
  message: 'Services must stay plain Node so they can be tested without Electron: keep Electron calls in a *-glue.ts file, main.ts, preload.ts or the window/protocol/register glue.',
};

/** Files allowed to import Electron at run time: the thin glue. */
const electronGlue = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/ipc/register.ts',
  'electron/window/**',
  'electron/protocol/register-app-protocol.ts',
  'electron/security/web-contents-guard.ts',
  'electron/**/*-glue.ts',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'tests/**/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'eval is forbidden.' }],
    },
  },
  {
    files: ['electron/**/*.ts', 'server/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{ts,mjs,js}', '*.config.{ts,js}', 'electron.vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [electronFolder, serverFolder, nodeBuiltins] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [electronFolder, serverFolder, rendererFolder, nodeBuiltins,
          { regex: '^react(-dom)?(/.*)?$', message: 'shared/ must not depend on a UI framework.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: [...electronGlue, 'electron/demo/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rendererFolder, serverFolder, electronRuntime] }],
    },
  },
  {
    files: electronGlue,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rendererFolder, serverFolder] }],
    },
  },
  {
    // DEMO mode embeds the reference server; nothing else in the main process may reach into server/.
    files: ['electron/demo/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rendererFolder, electronRuntime] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [electronFolder, rendererFolder] }],
    },
  },
);
