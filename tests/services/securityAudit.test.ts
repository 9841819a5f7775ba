import { describe, expect, test } from 'vitest';
import { repoRoot } from '../harness/paths';
import { loadBuiltApp, staticAudit, type BuiltApp } from '../audit/checks';

/**
 * `npm run audit:security` (tests/audit) checks the Electron security checklist in the built code and at
 * run time; npm test runs it after the build. Here: the built code passes, and each check fails on a
 * build that breaks its rule, so the audit cannot pass by checking nothing.
 */
let built: BuiltApp;

describe('the security audit of the built code', () => {
  test('passes on the build', async () => {
    built = await loadBuiltApp(repoRoot);
    const failed = staticAudit(built).filter((r) => r.failure !== null);
    expect(failed).toEqual([]);
  });

  const tamper: [string, number, (app: BuiltApp) => BuiltApp][] = [
    ['a window without the sandbox', 1, (a) => ({ ...a, main: a.main.replace(/sandbox: true/g, 'sandbox: false') })],
    ['a window with Node', 1, (a) => ({ ...a, main: `${a.main}\nconst p = { nodeIntegration: true };` })],
    ['no app.enableSandbox()', 1, (a) => ({ ...a, main: a.main.replace(/\.enableSandbox\(\)/g, '.isReady()') })],
    [
      'a preload that exposes ipcRenderer',
      1,
      (a) => ({ ...a, preload: `${a.preload}\nimport_electron.contextBridge.exposeInMainWorld("ipc", import_electron.ipcRenderer);` }),
    ],
    ['a page loaded from file://', 2, (a) => ({ ...a, main: `${a.main}\nwin.loadFile("index.html");` })],
    [
      'a remote script in index.html',
      2,
      (a) => ({ ...a, rendererHtml: a.rendererHtml.replace('</head>', '<script src="https://cdn.example/x.js"></script></head>') }),
    ],
    ['no will-navigate handler', 3, (a) => ({ ...a, main: a.main.replace(/"will-navigate"/g, '"did-navigate"') })],
    ['a second way to shell.openExternal', 3, (a) => ({ ...a, main: `${a.main}\nimport_electron.shell.openExternal(url);` })],
    ['no permission handler', 4, (a) => ({ ...a, main: a.main.replace(/setPermissionRequestHandler\(/g, 'setSomething(') })],
    ['a raw IPC listener', 5, (a) => ({ ...a, main: `${a.main}\nimport_electron.ipcMain.on("raw", () => {});` })],
    ['webSecurity turned off', 6, (a) => ({ ...a, main: `${a.main}\nconst q = { webSecurity: false };` })],
    ['the RunAsNode fuse left on', 7, (a) => ({ ...a, builderYml: a.builderYml.replace(/runAsNode: false/, 'runAsNode: true') })],
    [
      'raw HTML rendered from a note',
      8,
      (a) => ({ ...a, rendererSources: `${a.rendererSources}\n<div dangerouslySetInnerHTML={{ __html: note }} />` }),
    ],
  ];

  test.each(tamper)('fails for %s (checklist item %i)', (_label, item, spoil) => {
    const failed = staticAudit(spoil(built)).filter((r) => r.failure !== null);
    expect(failed.map((r) => r.item)).toContain(item);
  });
});
