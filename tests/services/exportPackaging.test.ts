import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { PrintFonts, cjkFamilies, latinFontFiles, sourceFontRoot } from '../../electron/services/export/print/fonts';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { copyPrintFonts } from '../../scripts/copyPrintFonts';
import { mainBuild } from '../../scripts/mainBuild';
import { repoRoot, tempDir } from '../harness/paths';

/**
 * What the packaged app needs for printing: jsdom as its one runtime
 * dependency (it cannot be bundled), and the print fonts copied next to
 * main.cjs in the layout PrintFonts reads.
 */
describe('printing in the packaged app', () => {
  test('the main bundle needs only electron, jsdom, SQLite and Node built-ins; jsdom and SQLite are the runtime dependencies, pinned', async () => {
    // The app's own main-process build options, written to memory.
    const result = await build({
      ...mainBuild,
      entryPoints: [join(repoRoot, 'electron', 'main', 'index.ts')],
      logLevel: 'silent',
      outfile: 'main.cjs',
      write: false,
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('main.cjs'))?.text ?? '';
    const required = [...new Set([...code.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? ''))];
    const packages = required.filter(
      (m) => !m.startsWith('node:') && !['module', 'fs', 'path', 'os', 'url', 'crypto', 'util', 'stream', 'events'].includes(m),
    );
    expect(packages.sort()).toEqual(['@photostructure/sqlite', 'electron', 'jsdom']);
    // DOMPurify, marked, pdf-lib and fflate are bundled into main.cjs, and so is Readability (importing sources).
    expect(code).toContain('DOMPurify');
    expect(code).toContain('isProbablyReaderable');
    // jsdom is required only where printing or an import first needs it, never when the bundle loads.
    expect(code).not.toMatch(/^(?:var|const|let) [\w$]+ = (?:__toESM\()?require\("jsdom"\)/m);
    // SQLite (the search index, which the app runs in its worker thread) only when a command-line tool searches.
    expect(code).not.toMatch(/^(?:var|const|let) [\w$]+ = (?:__toESM\()?require\("@photostructure\/sqlite"\)/m);
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@photostructure/sqlite', 'jsdom']);
    for (const version of Object.values(pkg.dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('the build copies exactly the fonts the printer reads, with their licences, and they typeset Chinese', async () => {
    const root = await tempDir('briefing-fonts-');
    const count = await copyPrintFonts(sourceFontRoot(repoRoot), root);
    expect(count).toBeGreaterThan(latinFontFiles.length + 100);
    for (const { pkg } of cjkFamilies)
      expect(await readdir(join(root, pkg))).toEqual(expect.arrayContaining(['400.css', '700.css', 'LICENSE', 'files']));
    const fonts = await PrintFonts.load(nodeFs, root);
    const css = await fonts.css('双方在结构性问题上取得了进展');
    expect(css).toContain("font-family:'BB CJK Serif'");
    expect(css).toContain("font-family:'BB CJK Sans'");
    expect(css).toContain("font-family:'BB Serif'");
    // Only the files covering these characters are inlined, not all hundred of each face.
    expect(css.split("font-family:'BB CJK Serif'").length - 1).toBeLessThan(20);
    const none = await PrintFonts.load(nodeFs, join(root, 'nowhere')).catch((e: unknown) => e);
    expect(String(none)).toMatch(/missing from this installation/);
  });
});
