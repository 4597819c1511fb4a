// Browser tests: the built sidebar in Debian's chromium (playwright-core). Run with `npm run test:browser`,
// which builds dist/ first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One chromium per file is plenty; several at once only compete for the CPU.
    fileParallelism: false,
  },
});
