import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { artifactsDir } from './paths';

/**
 * Reads a PDF with poppler-utils, independently of the code that made it:
 * the text of each page, the fonts, the document info, named destinations,
 * the outline, and pages rendered as PNG for a person to look at.
 */
const run = promisify(execFile);

async function tool(name: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(name, [...args], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** The text of every page, in reading order (pdftotext splits pages with form feeds). */
export async function pageTexts(pdf: string, layout = false): Promise<string[]> {
  const text = await tool('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', pdf, '-']);
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

export interface FontRow {
  readonly name: string;
  readonly type: string;
  readonly embedded: boolean;
}

export async function pdfFonts(pdf: string): Promise<FontRow[]> {
  const lines = (await tool('pdffonts', [pdf]))
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return lines.map((line) => {
    const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line.trim());
    if (!m) throw new Error(`pdffonts printed a line this reader does not understand: ${line}`);
    return { name: m[1] ?? '', type: m[2] ?? '', embedded: m[4] === 'yes' };
  });
}

export async function pdfInfo(pdf: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const line of (await tool('pdfinfo', [pdf])).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1]) out[m[1].trim()] = (m[2] ?? '').trim();
  }
  return out;
}

/** Named destinations: name → page, as poppler resolves them. */
export async function pdfDests(pdf: string): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (const line of (await tool('pdfinfo', ['-dests', pdf])).split('\n')) {
    const m = /^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined) map.set(m[2], Number(m[1]));
  }
  return map;
}

/** The outline (bookmarks) as poppler reads it: titles with the page each opens. */
export async function pdfOutline(pdf: string): Promise<{ title: string; page: number }[]> {
  const xml = await tool('pdftohtml', ['-xml', '-i', '-stdout', '-q', pdf]);
  const outline = /<outline>([\s\S]*)<\/outline>/.exec(xml)?.[1] ?? '';
  const items: { title: string; page: number }[] = [];
  for (const m of outline.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)) {
    items.push({ page: Number(m[1]), title: decodeXml(m[2] ?? '') });
  }
  return items;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Renders chosen pages as PNG under tests/artifacts/<folder>/<name>.png (git-ignored), for a person to look at. */
export async function savePages(pdf: string, folder: string, pages: Record<string, number>, dpi = 110): Promise<string[]> {
  const dir = join(artifactsDir, folder);
  await mkdir(dir, { recursive: true });
  const saved: string[] = [];
  for (const [name, page] of Object.entries(pages)) {
    const prefix = join(dir, `.${name}`);
    await tool('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
    const target = join(dir, `${name}.png`);
    await rm(target, { force: true });
    await rename(`${prefix}.png`, target);
    saved.push(target);
  }
  return saved;
}

/** Every PNG already under a folder of tests/artifacts. */
export async function savedPages(folder: string): Promise<string[]> {
  return (await readdir(join(artifactsDir, folder)).catch(() => [] as string[])).filter((n) => n.endsWith('.png'));
}
