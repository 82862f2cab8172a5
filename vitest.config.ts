import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests share one PostgreSQL and one Redis; files use their own schema and queue prefix.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
