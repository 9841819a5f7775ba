import { invalid } from '../errors';
import { sourceLimits, type SourceKind } from './model';

/**
 * Which files can be imported, and how their bytes become text. Both the main
 * process (files picked in the Open dialog) and the renderer (files dropped on
 * the window) use this, each with its own TextDecoder.
 */
export const IMPORTABLE_EXTENSIONS: Readonly<Record<string, SourceKind>> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
};

export function kindOfFile(name: string): SourceKind | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return IMPORTABLE_EXTENSIONS[name.slice(dot).toLowerCase()] ?? null;
}

export function unsupportedFileMessage(name: string): string {
  return `"${name}" cannot be imported: Briefing Book imports web pages saved as .html or .htm, Markdown (.md) and plain text (.txt).`;
}

export function tooLargeMessage(name: string, bytes: number): string {
  const mb = (n: number) => `${(n / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
  return `"${name}" is ${mb(bytes)}; Briefing Book imports files up to ${mb(sourceLimits.fileBytes)}. Save only the article (in a browser: Save Page As, "Web Page, HTML Only") and import that.`;
}

/** Decodes bytes with a named encoding; `fatal` throws on bytes that are not valid in it. */
export type Decode = (bytes: Uint8Array, label: string, fatal: boolean) => string;

const LATIN1_HEAD = 2_048;

function declaredCharset(bytes: Uint8Array): string | null {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, LATIN1_HEAD); i += 1) head += String.fromCharCode(bytes[i] ?? 0);
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase() ?? null;
}

/**
 * The text of an imported file: a byte-order mark wins, then (for HTML) a declared
 * charset, then UTF-8. A web page that is not valid UTF-8 and declares nothing is
 * read as Windows-1252, as browsers do; a text or Markdown file must be UTF-8.
 * Binary files (NUL bytes) are refused with a clear message.
 */
export function decodeArticleBytes(bytes: Uint8Array, kind: SourceKind, name: string, decode: Decode): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode(bytes.subarray(3), 'utf-8', false);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decode(bytes.subarray(2), 'utf-16le', false);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decode(bytes.subarray(2), 'utf-16be', false);
  const probe = bytes.subarray(0, 8_192);
  if (probe.includes(0)) throw invalid(`"${name}" is not a text file (it contains binary data), so it cannot be imported.`);
  if (kind === 'html') {
    const charset = declaredCharset(bytes);
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      try {
        return decode(bytes, charset, false);
      } catch {
        // An encoding the runtime does not know: fall through to UTF-8.
      }
    }
  }
  try {
    return decode(bytes, 'utf-8', true);
  } catch {
    if (kind === 'html') return decode(bytes, 'windows-1252', false);
    throw invalid(`"${name}" is not UTF-8 text. Save it with the UTF-8 encoding and import it again.`);
  }
}
