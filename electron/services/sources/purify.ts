import createDOMPurify from 'dompurify';
import type { JSDOM } from 'jsdom';
import type { HtmlElementLike, Purifier } from '../../core/sources/htmlPolicy';

function isElement(node: unknown): node is HtmlElementLike {
  return typeof node === 'object' && node !== null && (node as { nodeType?: unknown }).nodeType === 1;
}

/** DOMPurify on a jsdom window, seen through the policy's Purifier interface. */
export function jsdomPurifier(window: JSDOM['window']): Purifier {
  const purify = createDOMPurify(window);
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
