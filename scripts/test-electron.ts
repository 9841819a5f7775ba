// npm run test:electron: the end-to-end specs against the real Electron app.
//
// Runs only where the Electron binary is already installed. It never triggers
// the download itself: `require('electron')` would fetch the binary when it is
// missing, so this script reads node_modules/electron/path.txt instead.
// Without the binary it says so and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed Electron executable, or null. Reads path.txt as electron/index.js does, without its download fallback. */
export function findElectronBinary(root: string): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return null;
  const binary = join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

export interface Step {
  readonly title: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export interface Host {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly hasXvfbRun: boolean;
}

/** What to run: the build, then the e2e project against Electron (under xvfb-run on a Linux without a display). */
export function planElectronRun(host: Host): { steps: Step[] } | { error: string } {
  const e2e = ['vitest', 'run', '--project', 'e2e'];
  const headlessLinux = host.platform === 'linux' && !host.env['DISPLAY'] && !host.env['WAYLAND_DISPLAY'];
  if (headlessLinux && !host.hasXvfbRun) {
    return {
      error:
        'There is no display (DISPLAY is not set) and xvfb-run is not installed, so Electron has nowhere to open its window. ' +
        'Install it with `sudo apt-get install -y xvfb xauth`, or run from a desktop session.',
    };
  }
  return {
    steps: [
      { title: 'Build the app', command: 'npm', args: ['run', 'build'], env: {} },
      {
        title: 'End-to-end specs against Electron',
        command: headlessLinux ? 'xvfb-run' : 'npx',
        args: headlessLinux ? ['--auto-servernum', '--server-args=-screen 0 1920x1080x24', 'npx', ...e2e] : e2e,
        env: { BB_E2E_TARGET: 'electron' },
      },
    ],
  };
}

export const notInstalledMessage = [
  'The Electron binary is not installed here, so the Electron end-to-end run is skipped.',
  '',
  '  node_modules/electron/path.txt, or the executable it names under node_modules/electron/dist/, is missing.',
  '  On a machine with internet, the first `npm start` (or `npx electron --version`) downloads it;',
  '  Electron 42 and later fetch the binary on first run rather than at `npm install`.',
  '  This machine has no internet, so nothing here can download or run Electron.',
  '',
  'The same specs run against the built renderer in Chromium: npx vitest run --project e2e',
].join('\n');

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function main(): number {
  const root = resolve(import.meta.dirname, '..');
  const binary = findElectronBinary(root);
  if (!binary) {
    console.log(notInstalledMessage);
    return 0;
  }
  const plan = planElectronRun({
    platform: process.platform,
    env: process.env,
    hasXvfbRun: process.platform === 'linux' && hasCommand('xvfb-run'),
  });
  if ('error' in plan) {
    console.error(plan.error);
    return 1;
  }
  console.log(`Electron: ${binary}`);
  for (const step of plan.steps) {
    console.log(`\n> ${step.title}: ${[step.command, ...step.args].join(' ')}`);
    const result = spawnSync(step.command, step.args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...step.env },
      shell: process.platform === 'win32',
    });
    if (result.error) {
      console.error(`${step.title} could not start: ${result.error.message}`);
      return 1;
    }
    if (result.status !== 0) return result.status ?? 1;
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
