// How the main process is bundled: one CommonJS file for Electron's Node. `electron` is provided by the
// runtime; jsdom (the sanitizer's DOM for printing and importing) reads its own files at run time, so it
// stays a package, loaded lazily the first time it is needed. Shared by the app's build
// (scripts/build-electron.ts) and the packaging tests, which check what the bundle requires.
export const mainBuild = {
  bundle: true,
  format: 'cjs' as const,
  platform: 'node' as const,
  target: 'node22',
  // The search index (SQLite) runs on the main thread only for command-line tools; it ships as a package too.
  external: ['electron', 'jsdom', '@photostructure/sqlite'],
  entryPoints: ['electron/main/index.ts'],
  // Lazy `import('jsdom')` becomes a lazy require(): CommonJS resolution, which works inside app.asar.
  supported: { 'dynamic-import': false },
  logLevel: 'warning' as const,
};
