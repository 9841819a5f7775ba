// Bundles the main process and the preload into dist/electron with esbuild.
// Both are CommonJS: a sandboxed preload must be a single CommonJS file, and
// `electron` stays external because the runtime provides it. The preload gets
// the contract's manifest inlined, so it carries no schemas.
import { build } from 'esbuild';
import { buildManifest } from '../electron/core/contract/manifest';

const common = {
  bundle: true,
  format: 'cjs' as const,
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning' as const,
};

await Promise.all([
  // jsdom (the import of saved web pages) reads its own files at run time and cannot be bundled:
  // it stays a runtime dependency, packed by electron-builder from node_modules.
  build({
    ...common,
    external: [...common.external, 'jsdom'],
    platform: 'node',
    target: 'node22',
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist/electron/main.cjs',
  }),
  build({
    ...common,
    platform: 'browser',
    target: 'chrome130',
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    define: { __BRIEFING_API_MANIFEST__: JSON.stringify(buildManifest()) },
  }),
]);
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');
