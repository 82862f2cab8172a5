import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * The layers of src/ (README, "Development"): data flows Slack → slack/ listener →
 * cases/ use case → db/, then jobs/ → outbound/ Slack effect. domain/ calls nothing.
 * Each rule below forbids the imports that would make data flow the other way.
 */
const forbid = (...rules) => ({ 'no-restricted-imports': ['error', { patterns: rules.map(([regex, message]) => ({ regex, message })) }] });
const upTo = (folders) => `^(\\.\\./)+(${folders.join('|')})/`;
/** Node's built-in modules, bare (`fs`, `fs/promises`) and with the `node:` scheme. */
const NODE_BUILTIN = `^(node:.*|(${builtinModules.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?)$`;
const LISTENER = '-(button|menu|command|submission|event|shortcut)\\.js$';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['bench/**', 'src/db/migrate-cli.ts'], rules: { 'no-console': 'off' } },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['src/domain/**/*.ts'],
    rules: forbid(['^\\.\\./', 'domain/ holds pure rules: it imports nothing of ours but domain/.']),
  },
  {
    files: ['src/cases/**/*.ts'],
    rules: forbid([upTo(['slack', 'jobs', 'outbound', 'blocks']), 'cases/ returns domain data: it never imports slack/, jobs/, outbound/ or blocks/.']),
  },
  {
    files: ['src/db/**/*.ts'],
    rules: forbid([upTo(['cases', 'slack', 'jobs', 'outbound', 'blocks']), 'db/ is queries only: it never imports cases/, slack/, jobs/, outbound/ or blocks/.']),
  },
  {
    files: ['src/blocks/**/*.ts'],
    rules: forbid([upTo(['cases', 'slack', 'jobs', 'outbound']), 'blocks/ are pure Block Kit builders: no use cases, listeners, jobs or Slack calls.']),
  },
  {
    files: ['src/jobs/**/*.ts', 'src/outbound/**/*.ts'],
    rules: forbid([upTo(['slack']), 'What we send Slack (jobs/, outbound/) never imports what Slack sends us (slack/ listeners).']),
  },
  {
    files: ['src/outbound/**/*.ts'],
    rules: forbid([upTo(['slack']), 'outbound/ never imports slack/ listeners.'], [upTo(['jobs']), 'outbound/ is used by jobs/, never the other way.']),
  },
  {
    files: ['src/slack/*/**/*.ts'],
    ignores: ['src/slack/*/index.ts'],
    rules: forbid(
      ['^\\.\\./(commands|actions|views|events|shortcuts)/', 'Listeners do not import each other: move what they share to slack/.'],
      [`^\\./.*${LISTENER}`, 'Listeners do not import each other: move what they share next to them under another name.'],
      [upTo(['jobs', 'outbound']), 'Listeners hand work to cases/ and the queue; Slack side effects run in jobs.'],
    ),
  },
  {
    files: ['sandbox/page/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: forbid([NODE_BUILTIN, 'sandbox/page/ runs in the browser: no Node built-in modules.']),
  },
);
