import { existsSync, type Stats } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { repoRoot, tempDir } from '../harness/paths';

/**
 * electron-builder.yml, checked the way electron-builder itself checks it: the
 * YAML is loaded with the js-yaml electron-builder uses, validated with
 * app-builder-lib's own validateConfiguration (ajv over scheme.json), and the
 * `files` filters are run through app-builder-lib's own file matcher over a
 * tree shaped like this repository. `electron-builder --dir` needs the Electron
 * binary, which this machine cannot download, so this is as close as it gets.
 */
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface DebugLoggerLike {
  readonly isEnabled: boolean;
  add(key: string, value: unknown): void;
}
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, debugLogger: DebugLoggerLike) => Promise<void>;
};

interface FileMatcherLike {
  readonly from: string;
  readonly patterns: readonly string[];
  createFilter(): (file: string, stat: Stats) => boolean;
}
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers: (
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: unknown,
    platformPackager: unknown,
    outDir: string,
    isElectronCompile: boolean,
  ) => FileMatcherLike[];
};

interface PackagerLike {
  generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>>;
  addElectronFuses(context: { appOutDir: string; electronPlatformName: string }, fuses: unknown): Promise<unknown>;
}
// Loaded through the package index: platformPackager.js on its own hits a require cycle.
const { PlatformPackager } = require('app-builder-lib') as { PlatformPackager: { prototype: PackagerLike } };
const { getCurrentFuseWire } = require('@electron/fuses') as {
  getCurrentFuseWire: (path: string) => Promise<Record<string, unknown>>;
};

type Config = Record<string, unknown> & {
  appId: string;
  productName: string;
  asar: boolean;
  directories: { output: string; buildResources: string };
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: unknown[]; icon: string; category: string; maintainer: string; synopsis: string };
  win: { target: unknown[]; icon: string };
  mac: { target: unknown[]; icon: string; category: string };
};

const quietLogger: DebugLoggerLike = { isEnabled: false, add: () => undefined };

async function loadConfig(): Promise<Config> {
  return yaml.load(await readFile(join(repoRoot, 'electron-builder.yml'), 'utf8')) as Config;
}

function targetNames(targets: unknown[]): string[] {
  return targets.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

/** Width, height, bit depth and colour type from a PNG's IHDR chunk. */
function pngHeader(bytes: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error('not a PNG file');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without an IHDR chunk first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes.readUInt8(24), colorType: bytes.readUInt8(25) };
}

let config: Config;

beforeAll(async () => {
  config = await loadConfig();
});

describe('electron-builder.yml against electron-builder 26 schema', () => {
  test('is valid', async () => {
    await expect(validateConfiguration(structuredClone(config), quietLogger)).resolves.toBeUndefined();
  });

  test.each([
    ['an unknown top-level option', (c: Config) => ({ ...c, asarr: true })],
    ['a misspelt fuse', (c: Config) => ({ ...c, electronFuses: { ...c.electronFuses, runAsNod: false } })],
    ['a misplaced option (dmg title under linux)', (c: Config) => ({ ...c, linux: { ...c.linux, title: 'Briefing Book' } })],
    ['a fuse that is not a boolean', (c: Config) => ({ ...c, electronFuses: { ...c.electronFuses, runAsNode: { off: true } } })],
  ])('refuses %s', async (_label, spoil) => {
    await expect(validateConfiguration(spoil(structuredClone(config)), quietLogger)).rejects.toThrow(/Invalid configuration object/);
  });
});

describe('what gets built', () => {
  test('app id, product name, output folder and asar', () => {
    expect(config.appId).toBe('org.briefingbook.app');
    expect(config.productName).toBe('Briefing Book');
    expect(config.directories.output).toBe('release');
    expect(config.asar).toBe(true);
  });

  test('targets: AppImage and deb on Linux, NSIS on Windows, DMG on macOS', () => {
    expect(targetNames(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    expect(targetNames(config.mac.target)).toEqual(['dmg']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/\S+ <[^@\s]+@[^@\s]+>/);
    expect(config.linux.synopsis.length).toBeGreaterThan(10);
    expect(config.mac.category).toBe('public.app-category.productivity');
  });

  test('Electron fuses are flipped at pack time', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  test('every icon is in assets/ and the PNG is large enough for every platform', async () => {
    const icons = [config.linux.icon, config.win.icon, config.mac.icon];
    for (const icon of icons) {
      expect(icon.startsWith('assets/')).toBe(true);
      expect(existsSync(join(repoRoot, icon))).toBe(true);
    }
    for (const png of new Set(icons.filter((i) => i.endsWith('.png')))) {
      const header = pngHeader(await readFile(join(repoRoot, png)));
      // electron-builder needs at least 512x512 to make a macOS .icns, 256x256 for a Windows .ico.
      expect(header.width).toBeGreaterThanOrEqual(512);
      expect(header.height).toBe(header.width);
      expect(header.colorType).toBe(6); // RGBA: the rounded corners are transparent
    }
    expect(existsSync(join(repoRoot, 'assets', 'icon.svg'))).toBe(true);
  });

  test('the PNG reader refuses what is not a PNG (so the size check can fail)', () => {
    expect(() => pngHeader(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(/not a PNG/);
  });

  test('electron and the renderer libraries stay out of the packed dependencies', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      main: string;
      dependencies?: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    const dependencies = Object.keys(pkg.dependencies ?? {});
    for (const name of ['electron', 'react', 'react-dom', 'zod', 'lowdb', 'electron-builder']) expect(dependencies).not.toContain(name);
    // electron-builder refuses a range for Electron; an exact version keeps builds reproducible.
    expect(pkg.devDependencies['electron']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.scripts['dist']).toBe('npm run build && electron-builder');
  });
});

describe('fuses, flipped by electron-builder own code on a stand-in Electron binary', () => {
  // The fuse wire as Electron ships it: a sentinel, the wire version, its length, then one byte per fuse.
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const ON = 0x31;
  const OFF = 0x30;
  // RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, FileProtocolPrivileges
  const shipped = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];

  test('the packed executable ends up with every fuse the checklist asks for', async () => {
    const appOutDir = await tempDir('briefing-fuses-');
    const executable = join(appOutDir, 'Briefing Book.exe');
    const filler = Buffer.alloc(4096, 0x90);
    await writeFile(
      executable,
      Buffer.concat([filler, Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, shipped.length, ...shipped]), filler]),
    );

    const packager = Object.assign(Object.create(PlatformPackager.prototype) as PackagerLike, {
      appInfo: { productFilename: 'Briefing Book' },
    });
    const fuses = await packager.generateFuseConfig(config.electronFuses);
    await packager.addElectronFuses({ appOutDir, electronPlatformName: 'win32' }, fuses);

    const wire = await getCurrentFuseWire(executable);
    const state = (i: number) => (wire[String(i)] === ON ? 'on' : wire[String(i)] === OFF ? 'off' : 'unknown');
    expect({
      runAsNode: state(0),
      cookieEncryption: state(1),
      nodeOptions: state(2),
      nodeCliInspect: state(3),
      embeddedAsarIntegrityValidation: state(4),
      onlyLoadAppFromAsar: state(5),
      grantFileProtocolExtraPrivileges: state(7),
    }).toEqual({
      runAsNode: 'off',
      cookieEncryption: 'on',
      nodeOptions: 'off',
      nodeCliInspect: 'off',
      embeddedAsarIntegrityValidation: 'on',
      onlyLoadAppFromAsar: 'on',
      grantFileProtocolExtraPrivileges: 'off',
    });
  });
});

describe('files filters, run through electron-builder own matcher', () => {
  // A tree shaped like this repository after `npm run build`.
  const tree = [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'vite.config.ts',
    'vitest.config.ts',
    'eslint.config.js',
    'electron-builder.yml',
    'README.md',
    'DEVELOPERS.md',
    'docs/decisions/0001-store-layout.md',
    'assets/icon.svg',
    'assets/icon.png',
    'electron/main/index.ts',
    'electron/preload/preload.ts',
    'electron/core/contract/api.ts',
    'electron/services/container.ts',
    'renderer/index.html',
    'renderer/src/main.tsx',
    'scripts/build-electron.ts',
    'scripts/make-icon.ts',
    'tests/main/security.test.ts',
    'tests/harness/fakeElectron.ts',
    'tests/artifacts/screenshots/home-light.png',
    'node_modules/react/index.js',
    'node_modules/electron/index.js',
    'release/linux-unpacked/resources/app.asar',
    'dist/electron/main.cjs',
    'dist/electron/main.cjs.map',
    'dist/electron/preload.cjs',
    'dist/electron/preload.cjs.map',
    'dist/renderer/index.html',
    'dist/renderer/assets/index-abc123.js',
    'dist/renderer/assets/index-abc123.js.map',
    'dist/renderer/assets/index-def456.css',
  ];
  const packed = [
    'assets/icon.png',
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/renderer/assets/index-abc123.js',
    'dist/renderer/assets/index-def456.css',
    'dist/renderer/index.html',
    'package.json',
  ];

  async function packedFiles(platform: 'linux' | 'win' | 'mac'): Promise<string[]> {
    const project = await tempDir('briefing-pack-');
    for (const file of tree) {
      await mkdir(dirname(join(project, file)), { recursive: true });
      await writeFile(join(project, file), file);
    }
    const matchers = getMainFileMatchers(
      project,
      join(project, 'out', 'app'),
      (pattern) => pattern,
      config[platform],
      {
        info: {
          projectDir: project,
          buildResourcesDir: config.directories.buildResources,
          config,
          isPrepackedAppAsar: false,
          debugLogger: quietLogger,
        },
      },
      resolve(project, config.directories.output),
      false,
    );
    expect(matchers).toHaveLength(1);
    const [matcher] = matchers;
    const filter = matcher!.createFilter();
    // Walks the way electron-builder copies: a folder the filter refuses is not entered.
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir)) {
        const path = join(dir, entry);
        const info = await stat(path);
        if (!filter(path, info)) continue;
        if (info.isDirectory()) await walk(path);
        else found.push(relative(project, path).split('\\').join('/'));
      }
    };
    await walk(matcher!.from);
    return found.sort();
  }

  test.each(['linux', 'win', 'mac'] as const)('%s: only the built app, package.json and the window icon are packed', async (platform) => {
    expect(await packedFiles(platform)).toEqual(packed);
  });

  test('the window icon the main process loads is packed', async () => {
    const main = await readFile(join(repoRoot, 'electron', 'main', 'index.ts'), 'utf8');
    expect(main).toContain("'assets', 'icon.png'");
    expect(packed).toContain('assets/icon.png');
  });
});
