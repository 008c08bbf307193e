import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PostgreSQL, Redis and Chromium checked once, before any test: what is missing is
    // named at once instead of after every test that needs it has timed out.
    globalSetup: ['test/setup/services.ts'],
    // Test output goes to files under test-artifacts/, not the console.
    reporters: ['default'],
  },
});
