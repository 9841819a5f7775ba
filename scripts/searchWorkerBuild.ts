// How the search worker thread is bundled: one CommonJS file for Node. SQLite (@photostructure/sqlite, a Node-API
// module with its prebuilt binaries for every desktop platform inside the package) stays a package: it finds its
// binary next to its own files at run time, so it ships in node_modules (unpacked from app.asar) and is required
// from there. Shared by the app's build (scripts/build-electron.ts) and the test harness, which builds it on demand.
export const SQLITE_PACKAGE = '@photostructure/sqlite';

export const searchWorkerBuild = {
  bundle: true,
  format: 'cjs' as const,
  platform: 'node' as const,
  target: 'node20',
  external: [SQLITE_PACKAGE],
  entryPoints: ['electron/services/search/worker/searchWorker.ts'],
  logLevel: 'warning' as const,
};
