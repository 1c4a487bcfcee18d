import { defineConfig } from 'vitest/config';

// Four layers, all run by `npm test` after the build: unit (pure functions and content rules),
// domain (domain functions against a real local D1, no build), integration (the built Worker in
// workerd with a real local D1), browser (Chromium + axe).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'domain',
          include: ['test/domain/**/*.test.ts'],
          // Every test has a database of its own: tests and files wait on D1 side by side (two
          // workers even on two cores, as they mostly wait), and a worker's files share one
          // module graph (nothing in it is per file but what domainDatabases() returns).
          sequence: { concurrent: true },
          maxWorkers: 2,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // A journey that checks a dozen pages with axe can take a minute while the other layers
          // share the two cores; a timeout is a hang detector here, not a speed goal.
          testTimeout: 150_000,
          hookTimeout: 90_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
