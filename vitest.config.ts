/** vitest: shared rules and core services (unit, db) and the CLI/harness as subprocesses (integration). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/web/**/*.test.ts',
      'test/db/**/*.test.ts',
      'test/integration/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
