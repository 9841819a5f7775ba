import { promises as fsp } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, serveAppRequest, type AppResponse } from '../../electron/services/appProtocol';
import { freshDir } from './support';

const SECRET = 'the secret outside the app folder';

/** A built renderer in `<tmp>/app`, with secrets beside it (and in a look-alike sibling folder). */
async function site(): Promise<{ root: string; parent: string }> {
  const parent = await freshDir('briefing-protocol-');
  const root = join(parent, 'app');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Briefing Book</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'assets', 'font.woff2'), new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(root, 'assets', 'icon.svg'), '<svg/>');
  await writeFile(join(root, 'assets', 'icon.png'), new Uint8Array([0x89, 0x50]));
  await writeFile(join(root, 'assets', 'blob.bin'), new Uint8Array([1, 2, 3]));
  await writeFile(join(root, 'manifest.json'), '{}');
  await writeFile(join(parent, 'secret.txt'), SECRET);
  await mkdir(join(parent, 'app-evil'));
  await writeFile(join(parent, 'app-evil', 'secret.txt'), SECRET);
  return { root, parent };
}

const text = (r: AppResponse) => new TextDecoder().decode(r.body);

/** Every path the server reads, to prove nothing outside the root is ever opened. */
function watchReads(): string[] {
  const reads: string[] = [];
  const real = fsp.readFile.bind(fsp);
  vi.spyOn(fsp, 'readFile').mockImplementation(((path: Parameters<typeof fsp.readFile>[0], ...rest: unknown[]) => {
    reads.push(typeof path === 'string' ? resolve(path) : `<not a path: ${typeof path}>`);
    return (real as (...args: unknown[]) => Promise<Buffer>)(path, ...rest);
  }) as typeof fsp.readFile);
  return reads;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('serveAppRequest', () => {
  test.each(['app://briefing/', 'app://briefing', 'app://briefing/index.html', 'app://briefing/?x=1#top'])(
    '%s serves index.html',
    async (url) => {
      const { root } = await site();
      const response = await serveAppRequest(root, url);
      expect(response.status).toBe(200);
      expect(response.headers['Content-Type']).toBe('text/html; charset=utf-8');
      expect(text(response)).toContain('<title>Briefing Book</title>');
    },
  );

  test.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/font.woff2', 'font/woff2'],
    ['/assets/icon.svg', 'image/svg+xml'],
    ['/assets/icon.png', 'image/png'],
    ['/manifest.json', 'application/json; charset=utf-8'],
    ['/assets/blob.bin', 'application/octet-stream'],
    ['/assets/APP.JS', null],
  ])('%s has Content-Type %s', async (path, type) => {
    const { root } = await site();
    const response = await serveAppRequest(root, `app://briefing${path}?v=2`);
    if (type === null) {
      // File names are case-sensitive here; a wrong case is simply not found.
      expect(response.status).toBe(404);
      return;
    }
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe(type);
  });

  test('serves the exact bytes', async () => {
    const { root } = await site();
    const response = await serveAppRequest(root, 'app://briefing/assets/font.woff2');
    expect([...response.body]).toEqual([0x77, 0x4f, 0x46, 0x32]);
  });

  test('the CSP allows only the app itself: default-src self, no remote origins, no eval, no framing', async () => {
    const { root } = await site();
    const response = await serveAppRequest(root, 'app://briefing/');
    const csp = response.headers['Content-Security-Policy'] ?? '';
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(source, name).not.toMatch(/unsafe-eval|wasm-unsafe-eval|^\*$|^https?:|^wss?:|^ftp:|:\/\/|\*\./);
      }
    }
    expect(csp).not.toContain('unsafe-eval');
  });

  test.each(['app://briefing/', 'app://briefing/nope.js', 'app://briefing/../secret.txt'])(
    'security headers are on every answer (%s)',
    async (url) => {
      const { root } = await site();
      const response = await serveAppRequest(root, url);
      expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
      expect(response.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['Referrer-Policy']).toBe('no-referrer');
    },
  );

  test.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/../app-evil/secret.txt',
    '/%2e%2e/app-evil/secret.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/%5c%5cserver%5cshare',
    '/index.html%00.js',
    '/%00',
    '/assets/app.js%00',
  ])('refuses %s with 403 and reads nothing outside the app folder', async (path) => {
    const { root } = await site();
    const reads = watchReads();
    const response = await serveAppRequest(root, `app://briefing${path}`);
    expect(response.status).toBe(403);
    expect(text(response)).toBe('Forbidden');
    expect(text(response)).not.toContain(SECRET);
    expect(reads).toEqual([]);
  });

  test.each(['/nope.html', '/assets/', '/assets', '//etc/passwd', '/assets/app.js/extra', '/%252e%252e/secret.txt'])(
    '%s is 404, read from inside the app folder only',
    async (path) => {
      const { root } = await site();
      const reads = watchReads();
      const response = await serveAppRequest(root, `app://briefing${path}`);
      expect(response.status).toBe(404);
      expect(text(response)).toBe('Not found');
      expect(reads.length).toBeLessThanOrEqual(1);
      for (const read of reads) expect(read.startsWith(root + sep)).toBe(true);
    },
  );

  test('a symbolic link inside the app folder that leads outside it is refused', async () => {
    const { root } = await site();
    const outside = await mkdtemp(join(tmpdir(), 'briefing-outside-'));
    await writeFile(join(outside, 'private.txt'), SECRET);
    await symlink(join(outside, 'private.txt'), join(root, 'link.txt'));
    const reads = watchReads();
    const response = await serveAppRequest(root, 'app://briefing/link.txt');
    expect(response.status).toBe(403);
    expect(text(response)).not.toContain(SECRET);
    expect(reads).toEqual([]);
  });

  test('a malformed escape is a bad request', async () => {
    const { root } = await site();
    const response = await serveAppRequest(root, 'app://briefing/%E0%A4%A');
    expect(response.status).toBe(400);
  });

  test('a root given with a trailing separator works the same', async () => {
    const { root } = await site();
    expect((await serveAppRequest(`${root}${sep}`, 'app://briefing/')).status).toBe(200);
    expect((await serveAppRequest(`${root}${sep}`, 'app://briefing/../secret.txt')).status).toBe(403);
  });
});
