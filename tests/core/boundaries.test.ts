import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../harness/paths';

/**
 * The runtime boundaries bite: a wrong import is a lint error in the zone it
 * appears in, and the core's tsconfig has no DOM and no Node types. These
 * probes are linted and compiled in memory; nothing is written into the sources.
 */
const eslint = new ESLint({
  cwd: repoRoot,
  // The probes are not files on disk, so type-aware rules are off; the boundary rules need no types.
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function restrictedMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId !== null && m.ruleId.startsWith('no-restricted-'))
    .map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

const cases: { zone: string; file: string; forbidden: string[]; allowed: string[] }[] = [
  {
    zone: 'core',
    file: 'electron/core/probe.ts',
    forbidden: [
      "import { app } from 'electron';",
      "import { readFile } from 'node:fs/promises';",
      "import { join } from 'path';",
      "import { useState } from 'react';",
      "import { nodeFs } from '../services/fs/nodeFs';",
      "import { App } from '../../renderer/src/app/App';",
      "import { Low } from 'lowdb';",
      'export const w = window.location.href;',
      'export const p = process.platform;',
    ],
    allowed: ["import { z } from 'zod';", "import { AppError } from './errors';"],
  },
  {
    zone: 'services',
    file: 'electron/services/probe.ts',
    forbidden: [
      "import { app } from 'electron';",
      "import { createMainWindow } from '../main/window';",
      "import { useState } from 'react';",
    ],
    allowed: ["import { readFile } from 'node:fs/promises';", "import { AppError } from '../core/errors';", "import { Low } from 'lowdb';"],
  },
  {
    zone: 'main',
    file: 'electron/main/probe.ts',
    forbidden: ["import { App } from '../../renderer/src/app/App';", "import '../preload/preload';"],
    allowed: ["import { app } from 'electron';", "import { nodeFs } from '../services/fs/nodeFs';"],
  },
  {
    zone: 'preload',
    file: 'electron/preload/probe.ts',
    forbidden: [
      "import { readFileSync } from 'fs';",
      "import { nodeFs } from '../services/fs/nodeFs';",
      "import { contract } from '../core/contract/api';",
      "import { z } from 'zod';",
    ],
    allowed: ["import { contextBridge } from 'electron';", "import { createBridge } from '../core/contract/bridge';"],
  },
  {
    zone: 'renderer',
    file: 'renderer/src/features/probe.ts',
    forbidden: [
      "import { ipcRenderer } from 'electron';",
      "import { readFile } from 'node:fs/promises';",
      "import { BookStore } from '../../../electron/services/store/bookStore';",
      "import { registerIpc } from '../../../electron/main/ipc';",
      'export const b = window.briefing;',
    ],
    allowed: ["import { AppError } from '../../../electron/core/errors';", "import { useState } from 'react';"],
  },
];

describe('lint boundaries between runtimes', () => {
  for (const zone of cases) {
    for (const code of zone.forbidden) {
      test(`${zone.zone} refuses: ${code}`, async () => {
        expect(await restrictedMessages(zone.file, code)).not.toEqual([]);
      });
    }
    for (const code of zone.allowed) {
      test(`${zone.zone} allows: ${code}`, async () => {
        expect(await restrictedMessages(zone.file, code)).toEqual([]);
      });
    }
  }

  test('only the API client may touch window.briefing', async () => {
    expect(await restrictedMessages('renderer/src/api/client.ts', 'export const b = window.briefing;')).toEqual([]);
  });
});

describe('the core tsconfig has no DOM and no Node', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  async function compileAsCore(code: string): Promise<string[]> {
    const dir = await mkdtemp(join(tmpdir(), 'briefing-core-probe-'));
    dirs.push(dir);
    const file = join(dir, 'probe.ts');
    await writeFile(file, code);
    const configPath = join(repoRoot, 'electron', 'core', 'tsconfig.json');
    const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, join(repoRoot, 'electron', 'core'));
    const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  }

  test('document, window, process and Buffer do not exist there', async () => {
    const errors = await compileAsCore(
      'export const a = document.title;\nexport const b = window.name;\nexport const c = process.env;\nexport const d = Buffer.from("x");\n',
    );
    expect(errors.join('\n')).toMatch(/Cannot find name 'document'/);
    expect(errors.join('\n')).toMatch(/Cannot find name 'window'/);
    expect(errors.join('\n')).toMatch(/Cannot find name 'process'/);
    expect(errors.join('\n')).toMatch(/Cannot find name 'Buffer'/);
  });

  test('plain ES code compiles there', async () => {
    expect(await compileAsCore('export const x: number[] = [1, 2, 3].map((n) => n * 2);\n')).toEqual([]);
  });
});
