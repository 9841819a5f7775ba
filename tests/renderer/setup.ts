// Setup for the renderer tests (jsdom + Testing Library over the real services).
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { teardownBridge } from './testBridge';

afterEach(async () => {
  // Unmount first (a note pane saves on unmount), then shut the services down.
  cleanup();
  await teardownBridge();
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
