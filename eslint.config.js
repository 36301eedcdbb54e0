// ESLint flat config: run by `npm test` with --max-warnings 0, so every rule here is an error in practice.
// TypeScript files get typescript-eslint's type-checked rules (they see the types, so they catch
// promises nobody awaits, async callbacks where a void one is expected, and `any` leaking in).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.cache/', '.scratch/', 'coverage/'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `_name` marks a parameter an interface requires but this implementation does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An `async` implementation of a Promise-returning interface turns a synchronous throw into a rejection,
      // which is what callers of that interface handle: it is correct without an `await` inside.
      '@typescript-eslint/require-await': 'off',
      // A `let` that a callback reads before its one assignment (a server handler and the object it reports to).
      // botbuilder types `activity.type` and `channelId` as strings and `ActivityTypes` / `Channels` as string
      // enums: comparing the two is the SDK's own idiom, not a mix-up of unrelated enums.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests read JSON of unknown shape and use vitest's asymmetric matchers (`expect.any`, `expect.stringMatching`),
    // which are typed `any`: the unsafe-any rules would flag every such line without catching anything.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Browser scripts of the chat page, served as they are (no build step).
    files: ['adapters/web/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
    // ES5-style scripts (no build step) name the error of a catch they deliberately ignore.
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
