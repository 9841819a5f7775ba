// Setup for the renderer tests (jsdom + Testing Library over the real services).
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { teardownBridge } from './testBridge';

// React reports its warnings (act, keys, controlled inputs) with console.error, and the
// renderer itself never logs: any console.error during a test fails it.
const consoleErrors: string[] = [];
const originalConsoleError = console.error.bind(console);
beforeEach(() => {
  consoleErrors.length = 0;
  console.error = (...args: unknown[]) => {
    consoleErrors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    originalConsoleError(...args);
  };
});

afterEach(async () => {
  // Unmount first (a note pane saves on unmount), then shut the services down.
  cleanup();
  await teardownBridge();
  console.error = originalConsoleError;
  if (consoleErrors.length > 0) throw new Error(`console.error was called during the test:\n${consoleErrors.join('\n')}`);
});

// jsdom does no layout. CodeMirror measures text through Range.getClientRects and
// Range.getBoundingClientRect, which jsdom's Range lacks: give them empty geometry.
const rangeGeometry = Range.prototype as Partial<Pick<Range, 'getClientRects' | 'getBoundingClientRect'>>;
if (!rangeGeometry.getClientRects) {
  rangeGeometry.getClientRects = function getClientRects(this: Range): DOMRectList {
    const rects: DOMRect[] = [];
    return Object.assign(rects, { item: (index: number) => rects[index] ?? null });
  };
}
if (!rangeGeometry.getBoundingClientRect) {
  rangeGeometry.getBoundingClientRect = function getBoundingClientRect(this: Range): DOMRect {
    return DOMRect.fromRect({ x: 0, y: 0, width: 0, height: 0 });
  };
}

// jsdom has no layout, so no scrolling: the reader scrolls highlights and cards into view.
const scrollable = Element.prototype as Partial<Pick<Element, 'scrollIntoView'>>;
if (!scrollable.scrollIntoView) {
  scrollable.scrollIntoView = function scrollIntoView(): void {
    // Nothing to scroll in jsdom.
  };
}
