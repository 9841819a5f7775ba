// Bundles the main process, the preload and the search worker into dist/electron with esbuild.
// Both are CommonJS: a sandboxed preload must be a single CommonJS file, and
// `electron` stays external because the runtime provides it. The preload gets
// the contract's manifest inlined, so it carries no schemas.
// jsdom (the sanitizer's DOM for printing) reads its own files at run time and
// cannot be bundled: it stays external and ships as the app's one runtime
// dependency. The print fonts are copied next to main.cjs.
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildManifest } from '../electron/core/contract/manifest';
import { mainBuild } from './mainBuild';
import { searchWorkerBuild } from './searchWorkerBuild';
import { copyPrintFonts } from './copyPrintFonts';

const common = {
  bundle: true,
  format: 'cjs' as const,
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning' as const,
};

await Promise.all([
  build({
    ...common,
    ...searchWorkerBuild,
    external: [...common.external, ...searchWorkerBuild.external],
    outfile: 'dist/electron/searchWorker.cjs',
  }),
  build({ ...mainBuild, sourcemap: true, outfile: 'dist/electron/main.cjs' }),
  copyPrintFonts(join(import.meta.dirname, '..', 'node_modules', '@fontsource'), 'dist/electron/fonts'),
  build({
    ...common,
    platform: 'browser',
    target: 'chrome130',
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    define: { __BRIEFING_API_MANIFEST__: JSON.stringify(buildManifest()) },
  }),
]);
console.log('built dist/electron/main.cjs, dist/electron/preload.cjs, dist/electron/searchWorker.cjs and dist/electron/fonts');
