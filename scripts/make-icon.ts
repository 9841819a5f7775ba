// Renders assets/icon.svg to assets/icon.png (1024x1024, transparent corners)
// with Chromium, the same engine that draws the app. electron-builder derives
// the platform icons (.icns, .ico, the Linux sizes) from that PNG.
//
//   npx tsx scripts/make-icon.ts                 writes assets/icon.png
//   npx tsx scripts/make-icon.ts --preview DIR   also writes DIR/icon-preview.png:
//                                                the icon at 16, 24, 32, 48, 64 and
//                                                128 px on light and dark backgrounds, and
//                                                16 and 32 px enlarged pixel for pixel
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const svgPath = join(root, 'assets', 'icon.svg');
const pngPath = join(root, 'assets', 'icon.png');
const SIZE = 1024;

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function previewPage(dataUrl: string): string {
  const sizes = [16, 24, 32, 48, 64, 128];
  const row = (background: string) =>
    `<div style="display:flex;align-items:center;gap:24px;padding:24px;background:${background}">` +
    sizes.map((s) => `<img src="${dataUrl}" width="${s}" height="${s}">`).join('') +
    '</div>';
  // 16 and 32 px renders blown up 8x and 4x, pixel for pixel, to judge the smallest sizes.
  const zoom =
    '<div style="display:flex;gap:24px;padding:24px;background:#ececec">' +
    [16, 32]
      .map(
        (s) => `<canvas data-size="${s}" width="${s}" height="${s}" style="width:128px;height:128px;image-rendering:pixelated"></canvas>`,
      )
      .join('') +
    '</div>';
  const draw = `<script>
    const img = new Image();
    img.onload = () => { for (const c of document.querySelectorAll('canvas')) c.getContext('2d').drawImage(img, 0, 0, c.width, c.height); document.body.dataset.ready = '1'; };
    img.src = ${JSON.stringify(dataUrl)};
  </script>`;
  return `<!doctype html><body style="margin:0;display:inline-block">${row('#ffffff')}${row('#ececec')}${row('#1e1e1e')}${zoom}${draw}</body>`;
}

async function main(): Promise<void> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const previewIndex = process.argv.indexOf('--preview');
  const previewDir = previewIndex >= 0 ? process.argv[previewIndex + 1] : undefined;
  if (previewIndex >= 0 && !previewDir) throw new Error('--preview needs a folder');

  const svg = await readFile(svgPath, 'utf8');
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img id="icon" src="${dataUrl}" width="${SIZE}" height="${SIZE}" style="display:block"></body></html>`,
    );
    // Page code is passed as strings: the scripts compile without the DOM library.
    await page.waitForFunction("document.getElementById('icon').complete");
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
    await writeFile(pngPath, png);
    console.log(`wrote ${pngPath} (${SIZE}x${SIZE}, ${png.length} bytes)`);

    if (previewDir) {
      await mkdir(previewDir, { recursive: true });
      const preview = await browser.newPage({ deviceScaleFactor: 1 });
      await preview.setContent(previewPage(dataUrl));
      await preview.waitForFunction("document.body.dataset.ready === '1' && Array.from(document.images).every((i) => i.complete)");
      const file = join(previewDir, 'icon-preview.png');
      await preview.locator('body').screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
