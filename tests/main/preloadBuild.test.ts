import { execFile } from 'node:child_process';
import { readFile, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildManifest } from '../../electron/core/contract/manifest';
import { repoRoot, tempDir } from '../harness/paths';

/**
 * A sandboxed preload can `require` only a few built-in modules, so it must be
 * one small CommonJS file that needs nothing but `electron`. The contract's
 * manifest is inlined; zod and the schemas stay in the main process.
 */
// About 100 bytes per API method once the manifest is inlined: 84 methods today (with Sources and Meetings)
// take it to a little over 8 KB; the budget leaves room for a few more, not for a bundled library.
const MAX_PRELOAD_BYTES = 10_000;

/** The modules a CommonJS bundle requires at run time. */
function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!))].sort();
}

function checkPreload(code: string): void {
  expect(requiredModules(code)).toEqual(['electron']);
  expect(code).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed require either
  expect(code).not.toMatch(/zod|ZodError|safeParse|strictObject/);
  expect(code).not.toMatch(/\bipcRenderer\.(send|sendSync|postMessage)\b/);
  // The manifest global is replaced by its value (esbuild leaves only a comment naming it).
  expect(code).not.toMatch(/^(?!\s*\/\/).*\b__BRIEFING_API_MANIFEST__\b/m);
  // The manifest is inlined: every channel of the contract is in the file.
  for (const method of buildManifest().methods) expect(code).toContain(method.channel);
  expect(Buffer.byteLength(code)).toBeLessThan(MAX_PRELOAD_BYTES);
}

describe('the preload bundle, built in memory as scripts/build-electron.ts builds it', () => {
  let code: string;

  beforeAll(async () => {
    const result = await build({
      bundle: true,
      format: 'cjs',
      external: ['electron'],
      logLevel: 'silent',
      platform: 'browser',
      target: 'chrome130',
      entryPoints: [join(repoRoot, 'electron', 'preload', 'preload.ts')],
      outfile: 'preload.cjs',
      write: false,
      define: { __BRIEFING_API_MANIFEST__: JSON.stringify(buildManifest()) },
    });
    code = result.outputFiles.find((f) => f.path.endsWith('preload.cjs'))?.text ?? '';
  });

  test('requires only electron, carries no zod, and stays small', () => {
    checkPreload(code);
  });

  test('the checks can fail: a bundle that pulls in the contract with its schemas is refused', async () => {
    const result = await build({
      bundle: true,
      format: 'cjs',
      external: ['electron'],
      logLevel: 'silent',
      platform: 'browser',
      stdin: {
        contents: "import { listMethods } from './electron/core/contract/api'; console.log(listMethods());",
        resolveDir: repoRoot,
        loader: 'ts',
      },
      write: false,
    });
    const fat = result.outputFiles[0]?.text ?? '';
    expect(() => checkPreload(fat)).toThrow();
  });
});

describe('scripts/build-electron.ts itself, run into a temp folder', () => {
  let out: string;

  beforeAll(async () => {
    // The script builds relative to its working folder: give it one whose electron/ is the repository's.
    const work = await tempDir('briefing-build-');
    await symlink(join(repoRoot, 'electron'), join(work, 'electron'), 'dir');
    const require = createRequire(import.meta.url);
    const tsx = join(require.resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
    await promisify(execFile)(process.execPath, [tsx, join(repoRoot, 'scripts', 'build-electron.ts')], { cwd: work, timeout: 60_000 });
    out = join(work, 'dist', 'electron');
  }, 90_000);

  test('the preload it writes requires only electron, carries no zod, and stays small', async () => {
    checkPreload(await readFile(join(out, 'preload.cjs'), 'utf8'));
  });

  test('the main process bundle leaves electron to the runtime and carries its own code', async () => {
    const main = await readFile(join(out, 'main.cjs'), 'utf8');
    expect(requiredModules(main)).toContain('electron');
    // SQLite (the search index) is a package too: it finds its native binary beside its own files.
    expect(requiredModules(main).filter((m) => !m.startsWith('node:') && !/^[a-z_]+$/.test(m))).toEqual(['@photostructure/sqlite']);
    expect((await stat(join(out, 'main.cjs'))).size).toBeGreaterThan(10_000);
    const worker = await readFile(join(out, 'searchWorker.cjs'), 'utf8');
    expect(requiredModules(worker).filter((m) => !m.startsWith('node:') && !/^[a-z_]+$/.test(m))).toEqual(['@photostructure/sqlite']);
  });
});
