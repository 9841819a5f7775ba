import { join } from 'node:path';
import { AppError } from '../../../core/errors';
import { errorCode, type FsPort } from '../../fs/fsPort';
import { retryRead } from '../../store/dataFolder';
import { describeFsError } from '../../store/storageError';

/**
 * The typefaces of the printed book, embedded in every PDF so it looks the
 * same on every computer (all SIL Open Font License, from @fontsource packages):
 *   - Source Serif 4 for reading and Source Sans 3 for headings and tables;
 *   - Noto Serif SC and Noto Sans SC for Chinese (and Japanese kana). These are
 *     TrueType-outline cuts, which Chromium embeds as real subset fonts; the
 *     system's Noto CJK fonts are CFF, which Chromium's PDF writer can only
 *     turn into nameless Type 3 glyph drawings. A CJK face is split into about
 *     100 files by Unicode range; a book embeds only the files its text needs.
 *
 * The font root has the layout of node_modules/@fontsource: one folder per
 * family, woff2 files under files/, and the CJK families' <weight>.css with the
 * Unicode range of each file. In a source checkout it is node_modules/@fontsource;
 * the built app carries a copy of the files it uses (scripts/build-electron.ts).
 */
export const SERIF_FAMILY = 'BB Serif';
export const SANS_FAMILY = 'BB Sans';
export const CJK_SERIF_FAMILY = 'BB CJK Serif';
export const CJK_SANS_FAMILY = 'BB CJK Sans';

export interface FontFile {
  readonly family: string;
  readonly weight: 400 | 600 | 700;
  readonly style: 'normal' | 'italic';
  readonly subset: 'latin' | 'latin-ext';
  /** Relative to the font root. */
  readonly file: string;
}

// The code points of the two Latin subsets the files are cut to (the usual "latin" and "latin-ext" subsets of web fonts).
const latinRanges: Record<FontFile['subset'], string> = {
  latin:
    'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  'latin-ext':
    'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
};

function faces(family: string, pkg: string, variants: readonly (readonly [FontFile['weight'], FontFile['style']])[]): FontFile[] {
  return variants.flatMap(([weight, style]) =>
    (['latin', 'latin-ext'] as const).map((subset) => ({
      family,
      weight,
      style,
      subset,
      file: `${pkg}/files/${pkg}-${subset}-${weight}-${style}.woff2`,
    })),
  );
}

export const latinFontFiles: readonly FontFile[] = [
  ...faces(SERIF_FAMILY, 'source-serif-4', [
    [400, 'normal'],
    [400, 'italic'],
    [600, 'normal'],
    [700, 'normal'],
    [700, 'italic'],
  ]),
  ...faces(SANS_FAMILY, 'source-sans-3', [
    [400, 'normal'],
    [600, 'normal'],
    [700, 'normal'],
  ]),
];

/** The CJK families and weights the book uses; the app ships exactly these. */
export const cjkFamilies = [
  { family: CJK_SERIF_FAMILY, pkg: 'noto-serif-sc', weights: [400, 700] },
  { family: CJK_SANS_FAMILY, pkg: 'noto-sans-sc', weights: [400, 700] },
] as const;

/** Every folder under the font root that the print pipeline reads (what the app build copies). */
export const fontPackages = ['source-serif-4', 'source-sans-3', ...cjkFamilies.map((c) => c.pkg)] as const;

/** The font root in a source checkout (command line, tests, benchmark). */
export function sourceFontRoot(repoRoot: string): string {
  return join(repoRoot, 'node_modules', '@fontsource');
}

interface CjkFace {
  readonly family: string;
  readonly weight: number;
  readonly file: string;
  readonly rangeText: string;
  readonly ranges: readonly (readonly [number, number])[];
}

/**
 * The fonts of one export: read once, then asked for the @font-face rules a
 * piece of text needs. Every file is inlined as a data: URL, so the print page
 * loads nothing.
 */
export class PrintFonts {
  private readonly cache = new Map<string, string>();

  private constructor(
    private readonly fs: FsPort,
    private readonly root: string,
    private readonly cjk: readonly CjkFace[],
  ) {}

  static async load(fs: FsPort, root: string): Promise<PrintFonts> {
    const cjk: CjkFace[] = [];
    for (const { family, pkg, weights } of cjkFamilies) {
      for (const weight of weights) {
        const css = new TextDecoder().decode(await readFont(fs, root, `${pkg}/${weight}.css`));
        cjk.push(...parseCjkFaces(css, family, weight, pkg));
      }
    }
    return new PrintFonts(fs, root, cjk);
  }

  private async dataUrl(file: string): Promise<string> {
    const cached = this.cache.get(file);
    if (cached) return cached;
    const bytes = await readFont(this.fs, this.root, file);
    const url = `data:font/woff2;base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
    this.cache.set(file, url);
    return url;
  }

  /**
   * @font-face rules for the Latin faces and for every CJK file covering a character of `text`.
   * For the running header and footer (drawn on every page) only the sans faces they use.
   */
  async css(text: string, forTemplates = false): Promise<string> {
    const rules: string[] = [];
    for (const font of latinFontFiles.filter((f) => !forTemplates || isTemplateFace(f))) {
      rules.push(rule(font.family, font.style, font.weight, await this.dataUrl(font.file), latinRanges[font.subset]));
    }
    const used = cjkCodePoints(text);
    if (used.length > 0) {
      for (const face of this.cjk) {
        if (forTemplates && face.family !== CJK_SANS_FAMILY) continue;
        if (!used.some((cp) => face.ranges.some(([lo, hi]) => cp >= lo && cp <= hi))) continue;
        rules.push(rule(face.family, 'normal', face.weight, await this.dataUrl(face.file), face.rangeText));
      }
    }
    return rules.join('\n');
  }
}

function rule(family: string, style: string, weight: number, url: string, range: string): string {
  return `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};font-display:block;src:url(${url}) format('woff2');unicode-range:${range};}`;
}

/** The running header and footer are drawn for every page: they get only the two sans faces they use. */
export function isTemplateFace(font: FontFile): boolean {
  return font.family === SANS_FAMILY && font.style === 'normal' && (font.weight === 400 || font.weight === 700);
}

/** Distinct code points at or above U+2E80 (CJK radicals onwards), sorted. */
function cjkCodePoints(text: string): number[] {
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x2e80) seen.add(cp);
  }
  return [...seen].sort((a, b) => a - b);
}

/** The numbered CJK subsets of a @fontsource <weight>.css (its Latin and Vietnamese subsets are left to the Latin faces). */
export function parseCjkFaces(css: string, family: string, weight: number, pkg: string): CjkFace[] {
  const out: CjkFace[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/(files\/[a-z0-9-]+-\d+-\d+-normal\.woff2)\)/.exec(block)?.[1];
    const rangeText = /unicode-range:\s*([^;]+);/.exec(block)?.[1]?.trim();
    if (!file || !rangeText) continue;
    const ranges = rangeText.split(',').flatMap((part): [number, number][] => {
      const m = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
      if (!m?.[1]) return [];
      const lo = parseInt(m[1], 16);
      return [[lo, m[2] ? parseInt(m[2], 16) : lo]];
    });
    out.push({ family, weight, file: `${pkg}/${file}`, rangeText, ranges });
  }
  return out;
}

/**
 * Reads a font file, trying again when the read fails for a passing reason (too many files open, a disk
 * hiccup). A file that is not there is a broken installation; any other failure says what the disk said.
 */
async function readFont(fs: FsPort, root: string, file: string): Promise<Uint8Array> {
  try {
    return await retryRead(
      () => fs.readFile(join(root, file)),
      (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    );
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new AppError(
        'internal',
        `The typeface file ${file} is missing from this installation, so the PDF cannot be typeset. Reinstall Briefing Book.`,
        [`looked in ${root}`],
      );
    }
    throw new AppError(
      'storage',
      `The typeface file ${file} could not be read (${describeFsError(error)}), so the PDF was not typeset. No file was written; try again once the problem is fixed.`,
      [`looked in ${root}`],
    );
  }
}
