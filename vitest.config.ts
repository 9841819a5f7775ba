import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The test zones mirror the code's runtimes:
//   core      pure domain, plain Node
//   services  store and services on real temp folders; main-process wiring with the Electron stand-in
//   renderer  React components in jsdom with Testing Library, over the real services
//   e2e       the built renderer in real Chromium, wired to the real handlers and store
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['tests/core/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'services',
          include: ['tests/services/**/*.test.ts', 'tests/main/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.tsx', 'tests/renderer/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
