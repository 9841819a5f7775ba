import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { findElectronBinary, notInstalledMessage, planElectronRun } from '../../scripts/test-electron';
import { repoRoot, tempDir } from '../harness/paths';

/** scripts/test-electron.ts: runs the e2e specs against Electron only where the binary is installed, and never downloads it. */
async function fakeRoot(files: Record<string, string>): Promise<string> {
  const root = await tempDir('briefing-electron-pkg-');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

describe('findElectronBinary', () => {
  test('no path.txt: not installed', async () => {
    expect(findElectronBinary(await fakeRoot({ 'node_modules/electron/package.json': '{}' }))).toBeNull();
  });

  test('path.txt naming a file that is not there: not installed', async () => {
    expect(findElectronBinary(await fakeRoot({ 'node_modules/electron/path.txt': 'electron' }))).toBeNull();
  });

  test('path.txt and the executable it names: installed', async () => {
    const root = await fakeRoot({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '' });
    expect(findElectronBinary(root)).toBe(join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });
});

describe('planElectronRun', () => {
  test('builds first, then runs the e2e project with BB_E2E_TARGET=electron', () => {
    const plan = planElectronRun({ platform: 'darwin', env: {}, hasXvfbRun: false });
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.steps.map((s) => [s.command, ...s.args].join(' '))).toEqual(['npm run build', 'npx vitest run --project e2e']);
    expect(plan.steps[1]?.env).toEqual({ BB_E2E_TARGET: 'electron' });
  });

  test('on Linux without a display, under xvfb-run', () => {
    const plan = planElectronRun({ platform: 'linux', env: {}, hasXvfbRun: true });
    if ('error' in plan) throw new Error(plan.error);
    const e2e = plan.steps[1]!;
    expect(e2e.command).toBe('xvfb-run');
    expect(e2e.args.slice(-5)).toEqual(['npx', 'vitest', 'run', '--project', 'e2e']);
    expect(e2e.env).toEqual({ BB_E2E_TARGET: 'electron' });
  });

  test('on Linux with a display, directly', () => {
    const plan = planElectronRun({ platform: 'linux', env: { DISPLAY: ':0' }, hasXvfbRun: true });
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.steps[1]?.command).toBe('npx');
  });

  test('on Linux without a display or xvfb-run, a message saying what to install', () => {
    expect(planElectronRun({ platform: 'linux', env: {}, hasXvfbRun: false })).toEqual({
      error: expect.stringContaining('apt-get install -y xvfb'),
    });
  });
});

describe('the script', () => {
  test('never loads the electron package (its index.js downloads a missing binary)', async () => {
    const source = (await readFile(join(repoRoot, 'scripts', 'test-electron.ts'), 'utf8'))
      .split('\n')
      .filter((line) => !line.trim().startsWith('//'))
      .join('\n');
    expect(source).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/);
    const harness = await readFile(join(repoRoot, 'tests', 'harness', 'electronApp.ts'), 'utf8');
    // The harness checks for the binary before Playwright resolves electron.
    expect(harness.indexOf('findElectronBinary(repoRoot)')).toBeGreaterThan(-1);
    expect(harness.indexOf('findElectronBinary(repoRoot)')).toBeLessThan(harness.indexOf('electron.launch('));
  });

  test.skipIf(findElectronBinary(repoRoot) !== null)('without the binary, says so and exits 0 without building anything', async () => {
    const require = createRequire(import.meta.url);
    const tsx = join(require.resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, join(repoRoot, 'scripts', 'test-electron.ts')], {
      cwd: repoRoot,
      timeout: 30_000,
    });
    expect(stdout.trim()).toBe(notInstalledMessage);
    expect(findElectronBinary(repoRoot)).toBeNull();
  });
});
