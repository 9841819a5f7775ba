import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { APP_SCHEME } from '../../electron/core/contract/sender';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/appProtocol';
import { fake, resetFakeElectron } from '../harness/fakeElectron';
import { tempDir } from '../harness/paths';

vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);

const { handleAppProtocol, registerAppScheme } = await import('../../electron/main/protocol');

let rendererRoot: string;

beforeAll(async () => {
  // A built renderer, with a secret file next to it that must never be served.
  const base = await tempDir('briefing-protocol-');
  rendererRoot = join(base, 'renderer');
  await mkdir(join(rendererRoot, 'assets'), { recursive: true });
  await writeFile(
    join(rendererRoot, 'index.html'),
    '<!doctype html><title>Briefing Book</title><script type="module" src="/assets/app.js"></script>',
  );
  await writeFile(join(rendererRoot, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(join(rendererRoot, 'assets', 'app.css'), 'body{}');
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET');
});

describe('registerAppScheme', () => {
  beforeEach(() => resetFakeElectron());

  test('app:// is a standard, secure scheme and does not bypass the CSP', () => {
    registerAppScheme();
    expect(fake.protocol.privileged).toHaveLength(1);
    const [registration] = fake.protocol.privileged;
    expect(registration?.scheme).toBe(APP_SCHEME);
    expect(registration?.privileges).toMatchObject({ standard: true, secure: true });
    expect(registration?.privileges?.['bypassCSP']).not.toBe(true);
    expect(registration?.privileges?.['allowServiceWorkers']).not.toBe(true);
  });

  test('must run before the app is ready (the fake refuses it afterwards, as Electron does)', () => {
    fake.app.markReady();
    expect(() => registerAppScheme()).toThrow(/before app is ready/);
  });
});

describe('handleAppProtocol', () => {
  let serve: (request: Request) => Promise<Response> | Response;

  beforeEach(() => {
    resetFakeElectron({ ready: true });
    handleAppProtocol(rendererRoot);
    const handler = fake.protocol.handlers.get(APP_SCHEME);
    expect(handler).toBeTypeOf('function');
    serve = handler!;
  });

  async function get(url: string): Promise<{ status: number; headers: Headers; body: string }> {
    const response = await serve(new Request(url));
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  test('serves the entry page with the CSP and the other security headers', async () => {
    const page = await get('app://briefing/index.html');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Briefing Book</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('the CSP allows nothing from elsewhere and no eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  test('serves scripts and styles with their types, and / as the entry page', async () => {
    const script = await get('app://briefing/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://briefing/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://briefing/')).body).toContain('<title>Briefing Book</title>');
  });

  test.each([
    'app://briefing/%2e%2e/secret.txt',
    'app://briefing/..%2fsecret.txt',
    'app://briefing/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://briefing/%2e%2e%5csecret.txt',
    'app://briefing/..%5c..%5csecret.txt',
    'app://briefing/index.html%00.js',
    'app://briefing/%252e%252e/secret.txt',
    'app://briefing/%E0%A4%A',
  ])('refuses %s, and the refusal carries the CSP too', async (url) => {
    const response = await get(url);
    expect([400, 403, 404]).toContain(response.status);
    expect(response.body).not.toContain('TOP SECRET');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  test('a missing file is a 404, not an error', async () => {
    expect((await get('app://briefing/nothing-here.js')).status).toBe(404);
  });
});
