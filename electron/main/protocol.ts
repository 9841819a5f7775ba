import { protocol } from 'electron';
import { APP_SCHEME } from '../core/contract/sender';
import { serveAppRequest } from '../services/appProtocol';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from app://briefing/, with the app's CSP on every response. */
export function handleAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const response = await serveAppRequest(rendererRoot, request.url);
    return new Response(Buffer.from(response.body), { status: response.status, headers: response.headers });
  });
}
