import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // e2e tests spawn node processes and a simulator each; two cores are all CI has.
    maxWorkers: 2,
  },
});
