import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const RESTRICTED_PATTERNS = [
  {
    group: ['@app/*/*', '@dev/*/*'],
    message: 'Import a lib through its alias (@app/name, @dev/name), not a deep path.',
  },
  { group: ['**/libs/*/src/*', '**/dev/*/src/*'], message: 'Import a lib through its alias (@app/name, @dev/name).' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Libs are reached through their alias and public face only.
      'no-restricted-imports': ['error', { patterns: RESTRICTED_PATTERNS }],
    },
  },
  {
    // dev/ (embedded PostgreSQL, Redis and MailDev) is for the demo, tests and bench only: the
    // production apps and the domain libraries never import it.
    files: ['libs/**/*.ts', 'apps/api/**/*.ts', 'apps/worker/**/*.ts', 'apps/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...RESTRICTED_PATTERNS,
            {
              group: ['@dev/*', '**/dev/*'],
              message: 'Development-only code (dev/) stays out of the production apps and libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read once, in the platform's config and the entry points; nowhere else.
    files: ['libs/**/*.ts'],
    ignores: ['libs/platform/src/config/**', 'libs/database/src/cli-data-source.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through AppConfig.',
        },
      ],
    },
  },
  {
    // Scripts served to suppliers' browsers: plain ES5, browser globals.
    files: ['templates/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly' } },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
);
