import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { SQLITE_PACKAGE, searchWorkerBuild } from '../../scripts/searchWorkerBuild';
import { repoRoot } from '../harness/paths';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

/**
 * What the packaged app needs for search: SQLite is a Node-API module whose binaries for every desktop platform
 * are inside its npm package, so it installs with no download and loads in Electron with no rebuild. It stays a
 * package (it finds its binary beside its own files), unpacked from app.asar, and electron-builder must not try
 * to rebuild it.
 */
describe('search in the packaged app', () => {
  test('the search worker bundle needs only SQLite and Node built-ins', async () => {
    const result = await build({
      ...searchWorkerBuild,
      entryPoints: [join(repoRoot, searchWorkerBuild.entryPoints[0] ?? '')],
      logLevel: 'silent',
      outfile: 'searchWorker.cjs',
      write: false,
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('searchWorker.cjs'))?.text ?? '';
    const required = [...new Set([...code.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? ''))];
    expect(required.filter((m) => !m.startsWith('node:')).sort()).toEqual([SQLITE_PACKAGE]);
    // The app's own tokenizer is in it: the index is fed the app's terms.
    expect(code).toContain('contentless_delete');
  });

  test('SQLite ships its Node-API binaries for every desktop platform, and is unpacked, never rebuilt', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies[SQLITE_PACKAGE]).toMatch(/^\d+\.\d+\.\d+$/);
    const root = dirname(require.resolve(`${SQLITE_PACKAGE}/package.json`));
    const prebuilds = await readdir(join(root, 'prebuilds'));
    for (const target of ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64']) {
      expect(prebuilds).toContain(target);
      expect((await readdir(join(root, 'prebuilds', target))).some((f) => f.endsWith('.node'))).toBe(true);
    }
    const config = yaml.load(await readFile(join(repoRoot, 'electron-builder.yml'), 'utf8')) as {
      asarUnpack: string[];
      npmRebuild: boolean;
      files: string[];
    };
    expect(config.asarUnpack).toContain(`node_modules/${SQLITE_PACKAGE}/prebuilds/**`);
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain(`!node_modules/${SQLITE_PACKAGE}/{src,scripts}/**`);
  });
});
