import fc from 'fast-check';
import { sampleBook } from '../../electron/core/sample/sampleBook';

/** Values the API fuzz tables (apiFuzz.ts, apiFuzzFeatures.ts) build payloads from. */
export const ids = [...sampleBook.areas.map((a) => a.id), 'no-such-area'];
export const anyId = fc.constantFrom(...ids);
/** Any text, all of Unicode: scripts, emoji, control characters, lone surrogates. */
export const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
export const statuses = ['open', 'progressing', 'agreed', 'stalled'];
export const priorities = ['high', 'medium', 'low'];
