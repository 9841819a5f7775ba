// jsdom ships no types, and @types/jsdom would bring the DOM lib into the Node zone: see jsdom.d.ts.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./jsdom.d.ts" />
import createDOMPurify from 'dompurify';
import type { DomElement, DomWindow } from 'jsdom';
import type { HtmlElementLike, Purifier } from '../../core/sources/htmlPolicy';

type PurifyWindow = Parameters<typeof createDOMPurify>[0];

function isElement(node: unknown): node is DomElement & HtmlElementLike {
  return typeof node === 'object' && node !== null && (node as { nodeType?: unknown }).nodeType === 1;
}

/** DOMPurify on a jsdom window, seen through the policy's Purifier interface. */
export function jsdomPurifier(window: DomWindow): Purifier {
  // jsdom's window is the window DOMPurify expects; the services just do not carry DOM types.
  const purify = createDOMPurify(window as unknown as PurifyWindow);
  return {
    sanitize: (html, config) => purify.sanitize(html, { ...config, RETURN_TRUSTED_TYPE: false }),
    beforeElement: (hook) =>
      purify.addHook('uponSanitizeElement', (node: unknown) => {
        if (isElement(node)) hook(node);
      }),
    afterAttributes: (hook) =>
      purify.addHook('afterSanitizeAttributes', (node: unknown) => {
        if (isElement(node)) hook(node);
      }),
    clearHooks: () => purify.removeAllHooks(),
  };
}
