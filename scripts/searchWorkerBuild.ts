// How the search worker thread is bundled: one CommonJS file for Node, MiniSearch included.
// Shared by the app's build (scripts/build-electron.ts) and the test harness, which builds it on demand.
export const searchWorkerBuild = {
  bundle: true,
  format: 'cjs' as const,
  platform: 'node' as const,
  target: 'node20',
  entryPoints: ['electron/services/search/worker/searchWorker.ts'],
  logLevel: 'warning' as const,
};
