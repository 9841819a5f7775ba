import { describe, expect, test } from 'vitest';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { sampleBoard, sampleQuotes } from '../../electron/core/sample/samplePositions';
import { sampleSources } from '../../electron/core/sample/sampleSources';
import { TickingClock } from './clock';

/** Every quote cited on the sample boards, as the boards store it. */
function boardQuotes() {
  return sampleBook.areas.flatMap((area) =>
    sampleBoard(area.id, new TickingClock()).points.flatMap((point) =>
      point.stances.flatMap((stance) => stance.evidence.map((link) => ({ area: area.id, point: point.id, link }))),
    ),
  );
}

describe('the sample boards cite the sample sources', () => {
  test('the boards cite quotes, and every cited quote is one of sampleQuotes', () => {
    const cited = boardQuotes();
    expect(cited.length).toBeGreaterThanOrEqual(8);
    const known = Object.values(sampleQuotes).map((q) => `${q.sourceId}/${q.annotationId}`);
    for (const { link } of cited) expect(known).toContain(`${link.sourceId}/${link.annotationId}`);
  });

  test.each(Object.entries(sampleQuotes))('%s resolves: its annotation exists in its sample source with the same quote', (_name, q) => {
    const source = sampleSources.find((s) => s.id === q.sourceId);
    expect(source, q.sourceId).toBeDefined();
    const annotation = source?.annotations.find((a) => a.id === q.annotationId);
    expect(annotation, q.annotationId).toBeDefined();
    expect(annotation?.quote).toBe(q.quote);
    // The quote can be placed: it occurs exactly once in the article as written.
    expect(source?.content.split(q.quote).length).toBe(2);
  });

  test('the boards cite at least one Chinese-language quote and quotes from every sample source', () => {
    const cited = boardQuotes().map((c) => c.link);
    expect(cited.some((l) => /[\u4e00-\u9fff]/.test(l.quote))).toBe(true);
    expect(new Set(cited.map((l) => l.sourceId))).toEqual(new Set(sampleSources.map((s) => s.id)));
  });
});
