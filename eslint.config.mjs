import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const gasGlobals = [
  'SpreadsheetApp', 'UrlFetchApp', 'PropertiesService', 'CacheService', 'LockService', 'ScriptApp',
  'HtmlService', 'Session', 'Utilities', 'Logger', 'MailApp', 'OAuth2', 'DriveApp', 'Charts',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, google: 'readonly' } },
  },
  {
    // The pure core must never reach for Apps Script services or Node; it takes ports instead.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...gasGlobals, 'process', 'setTimeout', 'setInterval', 'console', 'require'],
      'no-restricted-imports': ['error', { patterns: ['node:*', '../gas/*', '../../gas/*', '**/local/**'] }],
    },
  },
  {
    // The bundle runs in Apps Script: no timers, no Node built-ins.
    files: ['src/gas/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'require'],
      'no-restricted-imports': ['error', { patterns: ['node:*', '**/local/**'] }],
    },
  },
);
