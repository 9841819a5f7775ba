import type { SearchDocument } from './engine';
import { fold } from './fold';

/** At most this many warm-up searches: enough for the query code to be compiled, a fraction of a second in all. */
export const WARM_UP_QUERIES = 24;

/**
 * Searches of every shape the query language has (a word, a prefix, two words, a phrase, an exclusion, a kind
 * filter, Chinese runs of two and four characters), made of words taken from the given documents, so that they
 * find something as a user's searches do. The search service runs them once the index is complete (decision 0003).
 */
export function warmUpQueries(docs: readonly SearchDocument[]): string[] {
  const out = new Set<string>();
  for (const doc of docs) {
    const text = fold(`${doc.title} ${doc.fields.text ?? ''}`.slice(0, 20_000));
    const middle = Math.floor(text.length / 3);
    const pair = /([a-z]{4,}) ([a-z]{3,})/.exec(text.slice(middle)) ?? /([a-z]{4,}) ([a-z]{3,})/.exec(text);
    const words = text.match(/[a-z]{4,}/g) ?? [];
    const word = words[Math.floor(words.length / 2)];
    const other = words[Math.floor(words.length / 4)];
    if (word) {
      out.add(word);
      out.add(word.slice(0, 3));
      out.add(`kind:${doc.kind} ${word}`);
      if (other && other !== word) {
        out.add(`${word} ${other}`);
        out.add(`${word} -${other}`);
      }
    }
    if (pair?.[1] && pair[2]) out.add(`"${pair[1]} ${pair[2]}"`);
    const chinese = /[\u4e00-\u9fff]{4,}/.exec(text)?.[0] ?? /[\u4e00-\u9fff]{2,}/.exec(text)?.[0];
    if (chinese) {
      out.add(chinese.slice(0, 2));
      if (chinese.length >= 4) out.add(chinese.slice(0, 4));
    }
  }
  return [...out].slice(0, WARM_UP_QUERIES);
}
