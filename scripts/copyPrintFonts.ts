import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cjkFamilies, latinFontFiles } from '../electron/services/export/print/fonts';

/**
 * Copies the print fonts the app uses from @fontsource into the built app,
 * keeping @fontsource's layout (see PrintFonts): the Latin files by name, and
 * for each CJK family the <weight>.css files and the woff2 files of those weights.
 */
export async function copyPrintFonts(from: string, to: string): Promise<number> {
  await rm(to, { recursive: true, force: true });
  const files = new Set<string>(latinFontFiles.map((f) => f.file));
  for (const { pkg, weights } of cjkFamilies) {
    const names = await readdir(join(from, pkg, 'files'));
    for (const weight of weights) {
      files.add(`${pkg}/${weight}.css`);
      for (const name of names) if (new RegExp(`^${pkg}-\\d+-${weight}-normal\\.woff2$`).test(name)) files.add(`${pkg}/files/${name}`);
    }
  }
  for (const file of files) {
    const target = join(to, file);
    await mkdir(join(target, '..'), { recursive: true });
    await copyFile(join(from, file), target);
  }
  // Licences travel with the fonts.
  for (const pkg of new Set([...latinFontFiles.map((f) => f.file.split('/')[0] ?? ''), ...cjkFamilies.map((c) => c.pkg)])) {
    await copyFile(join(from, pkg, 'LICENSE'), join(to, pkg, 'LICENSE'));
  }
  return files.size;
}
