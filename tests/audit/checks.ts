import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listMethods } from '../../electron/core/contract/api';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/appProtocol';

/**
 * The Electron security checklist (ENGINEERING.md), item by item, checked in
 * the built code. The runtime checks are in runtime.ts; cli.ts runs both.
 */
export interface CheckResult {
  /** Checklist item number. */
  readonly item: number;
  readonly title: string;
  readonly where: 'built code' | 'packaging' | 'sources' | 'runtime: Electron stand-in' | 'runtime: Chromium';
  /** Null when it passed; otherwise what is wrong. */
  readonly failure: string | null;
}

export interface BuiltApp {
  readonly main: string;
  readonly preload: string;
  readonly rendererHtml: string;
  /** Every JavaScript file of the built renderer, concatenated. */
  readonly rendererJs: string;
  readonly builderYml: string;
  /** The renderer's TypeScript sources, concatenated with their paths. */
  readonly rendererSources: string;
}

async function readAll(dir: string, test: (name: string) => boolean): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) parts.push(await readAll(path, test));
    else if (test(entry.name)) parts.push(`\n/* ${path} */\n${await readFile(path, 'utf8')}`);
  }
  return parts.join('');
}

export async function loadBuiltApp(repo: string, dist = join(repo, 'dist')): Promise<BuiltApp> {
  const missing = (what: string) => (error: unknown) => {
    throw new Error(`${what} is missing: run \`npm run build\` first (${String(error)})`);
  };
  return {
    main: await readFile(join(dist, 'electron', 'main.cjs'), 'utf8').catch(missing('dist/electron/main.cjs')),
    preload: await readFile(join(dist, 'electron', 'preload.cjs'), 'utf8').catch(missing('dist/electron/preload.cjs')),
    rendererHtml: await readFile(join(dist, 'renderer', 'index.html'), 'utf8').catch(missing('dist/renderer/index.html')),
    rendererJs: await readAll(join(dist, 'renderer'), (n) => n.endsWith('.js')),
    builderYml: await readFile(join(repo, 'electron-builder.yml'), 'utf8'),
    rendererSources: await readAll(join(repo, 'renderer', 'src'), (n) => /\.tsx?$/.test(n)),
  };
}

type Check = (app: BuiltApp) => string | null;

const problems = (list: (string | false)[]): string | null => {
  const found = list.filter((p): p is string => typeof p === 'string');
  return found.length > 0 ? found.join('; ') : null;
};

/** `key: value` as esbuild prints object literals (also matches minified `key:value` and `!0`/`!1` booleans). */
function setting(code: string, key: string, value: boolean): boolean {
  const literal = value ? '(?:true|!0)' : '(?:false|!1)';
  return new RegExp(`\\b${key}\\s*:\\s*${literal}`).test(code);
}

const staticChecks: [number, string, CheckResult['where'], Check][] = [
  [
    1,
    'contextIsolation, sandbox on and nodeIntegration off in every window; app.enableSandbox()',
    'built code',
    ({ main }) =>
      problems([
        !setting(main, 'contextIsolation', true) && 'contextIsolation: true is missing',
        !setting(main, 'sandbox', true) && 'sandbox: true is missing',
        !setting(main, 'nodeIntegration', false) && 'nodeIntegration: false is missing',
        setting(main, 'contextIsolation', false) && 'contextIsolation: false is set somewhere',
        setting(main, 'sandbox', false) && 'sandbox: false is set somewhere',
        setting(main, 'nodeIntegration', true) && 'nodeIntegration: true is set somewhere',
        setting(main, 'nodeIntegrationInWorker', true) && 'nodeIntegrationInWorker: true is set',
        setting(main, 'nodeIntegrationInSubFrames', true) && 'nodeIntegrationInSubFrames: true is set',
        !/\.enableSandbox\(\)/.test(main) && 'app.enableSandbox() is never called',
      ]),
  ],
  [
    1,
    'the preload exposes one API object through contextBridge, never ipcRenderer',
    'built code',
    ({ preload }) => {
      const exposes = [...preload.matchAll(/exposeInMainWorld\(([^,]+),\s*([^)\s,]+)/g)];
      return problems([
        exposes.length !== 1 && `exposeInMainWorld is called ${exposes.length} times`,
        exposes.some((m) => /ipcRenderer\s*$/.test(m[2] ?? '')) && 'ipcRenderer itself is exposed',
        /\bipcRenderer\.(send|sendSync|postMessage|sendToHost)\b/.test(preload) && 'the preload sends raw IPC messages',
        /window\.(ipcRenderer|require|process)\s*=/.test(preload) && 'the preload puts Node or IPC objects on window',
      ]);
    },
  ],
  [
    2,
    'pages come from the app:// protocol with a strict Content Security Policy',
    'built code',
    ({ main, rendererHtml }) =>
      problems([
        /\bloadFile\(|["'`]file:\/\//.test(main) && 'the main process loads a file:// page',
        !/registerSchemesAsPrivileged\(/.test(main) && 'the app:// scheme is not registered',
        !/protocol\.handle\(/.test(main) && 'the app:// protocol has no handler',
        !main.includes("default-src 'self'") && "the CSP with default-src 'self' is not in the main bundle",
        /unsafe-eval/.test(main) && "the main bundle allows 'unsafe-eval'",
        /<script[^>]+src=["']?(https?:)?\/\//i.test(rendererHtml) && 'index.html loads a remote script',
        /<link[^>]+href=["']?(https?:)?\/\//i.test(rendererHtml) && 'index.html loads a remote stylesheet or font',
      ]),
  ],
  [
    2,
    'the CSP allows only the app itself: no remote origin, no eval, no objects, frames or base',
    'sources',
    () => {
      const csp = CONTENT_SECURITY_POLICY;
      const directive = (name: string) => new RegExp(`(^|;\\s*)${name} ([^;]*)`).exec(csp)?.[2] ?? null;
      return problems([
        directive('default-src') !== "'self'" && `default-src is ${directive('default-src')}`,
        /https?:|wss?:|\*/.test(csp) && 'the CSP names a remote origin or a wildcard',
        /unsafe-eval|wasm-unsafe-eval/.test(csp) && 'the CSP allows eval',
        directive('script-src') !== "'self'" && `script-src is ${directive('script-src')}`,
        directive('object-src') !== "'none'" && 'object-src is not none',
        directive('frame-src') !== "'none'" && 'frame-src is not none',
        directive('base-uri') !== "'none'" && 'base-uri is not none',
        directive('form-action') !== "'none'" && 'form-action is not none',
      ]);
    },
  ],
  [
    3,
    'navigation and new windows are refused; links go out only through the confirmed http(s) path',
    'built code',
    ({ main }) =>
      problems([
        !/["']will-navigate["']/.test(main) && 'no will-navigate handler',
        !/setWindowOpenHandler\(/.test(main) && 'no window-open handler',
        !/action:\s*["']deny["']/.test(main) && 'the window-open handler never denies',
        (main.match(/shell\.openExternal\(/g) ?? []).length !== 1 && 'shell.openExternal is called from more than the one confirmed path',
      ]),
  ],
  [
    4,
    'every permission request is denied',
    'built code',
    ({ main }) =>
      problems([
        !/setPermissionRequestHandler\(/.test(main) && 'no permission request handler',
        !/setPermissionCheckHandler\(/.test(main) && 'no permission check handler',
      ]),
  ],
  [
    5,
    'every IPC message goes through the dispatcher (sender check and schema); nothing listens on raw channels',
    'built code',
    ({ main }) =>
      problems([
        (main.match(/ipcMain\.handle\(/g) ?? []).length !== 1 && 'ipcMain.handle is called outside the one contract loop',
        /ipcMain\.(on|once|addListener)\(/.test(main) && 'the main process listens on a raw IPC channel',
        !main.includes('untrusted_sender') && 'the sender check is not in the main bundle',
        listMethods().some((m) => !main.includes(m.name)) && 'a contract method is missing from the main bundle',
      ]),
  ],
  [
    6,
    'no webSecurity: false, allowRunningInsecureContent, experimentalFeatures, enableBlinkFeatures or <webview>',
    'built code',
    ({ main, rendererJs }) =>
      problems([
        setting(main, 'webSecurity', false) && 'webSecurity: false',
        setting(main, 'allowRunningInsecureContent', true) && 'allowRunningInsecureContent: true',
        setting(main, 'experimentalFeatures', true) && 'experimentalFeatures: true',
        /enableBlinkFeatures\s*:/.test(main) && 'enableBlinkFeatures is set',
        setting(main, 'webviewTag', true) && 'webviewTag: true',
        !/["']will-attach-webview["']/.test(main) && 'webviews are not refused',
        /createElement\(\s*["']webview["']|<webview/i.test(rendererJs) && 'the renderer makes a <webview>',
      ]),
  ],
  [
    7,
    'fuses flipped at packaging: RunAsNode, NODE_OPTIONS and inspect off; app only from an integrity-checked asar',
    'packaging',
    ({ builderYml }) => {
      const fuse = (name: string) => new RegExp(`^\\s+${name}:\\s*(true|false)\\s*$`, 'm').exec(builderYml)?.[1];
      return problems([
        !/^electronFuses:/m.test(builderYml) && 'electron-builder.yml has no electronFuses',
        fuse('runAsNode') !== 'false' && 'runAsNode is not false',
        fuse('enableNodeOptionsEnvironmentVariable') !== 'false' && 'enableNodeOptionsEnvironmentVariable is not false',
        fuse('enableNodeCliInspectArguments') !== 'false' && 'enableNodeCliInspectArguments is not false',
        fuse('onlyLoadAppFromAsar') !== 'true' && 'onlyLoadAppFromAsar is not true',
        fuse('enableEmbeddedAsarIntegrityValidation') !== 'true' && 'enableEmbeddedAsarIntegrityValidation is not true',
        !/^asar:\s*true/m.test(builderYml) && 'asar is not on',
      ]);
    },
  ],
  [
    8,
    'no raw HTML is rendered: react-markdown without rehype-raw, no dangerouslySetInnerHTML, no innerHTML',
    'sources',
    ({ rendererSources, rendererJs }) =>
      problems([
        /rehype-raw|rehypeRaw/.test(rendererSources) && 'the renderer uses rehype-raw',
        /dangerouslySetInnerHTML/.test(rendererSources) && 'the renderer sets dangerouslySetInnerHTML',
        /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\(/.test(rendererSources) && 'the renderer writes HTML into the DOM',
        /\bmarked\(|\bmarked\.parse\(/.test(rendererSources) && 'the renderer renders Markdown with marked (which does not sanitize)',
        !/react-markdown|ReactMarkdown|remark/i.test(rendererJs + rendererSources) && 'react-markdown is not in the renderer',
      ]),
  ],
  [
    8,
    'imported HTML is sanitized with DOMPurify on jsdom (applies once the contract has an import method)',
    'built code',
    ({ main }) => {
      // Importing articles (Sources); a book archive holds the app's own JSON, not web pages.
      const imports = listMethods().filter((m) => /^sources$/.test(m.namespace) && /import/i.test(m.name));
      if (imports.length === 0) return null;
      return problems([
        !/DOMPurify|dompurify/.test(main) &&
          `the contract has ${imports.map((m) => m.channel).join(', ')} but DOMPurify is not in the main bundle`,
        !/Readability/.test(main) && 'Readability is not in the main bundle',
      ]);
    },
  ],
];

export function staticAudit(app: BuiltApp): CheckResult[] {
  return staticChecks.map(([item, title, where, check]) => ({ item, title, where, failure: check(app) }));
}
