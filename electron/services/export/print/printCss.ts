import type { PageSize } from '../../../core/contract/exportViews';
import { CJK_SANS_FAMILY, CJK_SERIF_FAMILY, SANS_FAMILY, SERIF_FAMILY } from './fonts';

/** Page sizes and margins. The running header and footer are drawn in the top and bottom margins. */
export const pageGeometry: Record<PageSize, { readonly size: string; readonly label: string }> = {
  a4: { size: 'A4', label: 'A4' },
  letter: { size: 'letter', label: 'US Letter' },
};

// Text the bundled faces do not cover (Korean, rare Han characters) falls through to the system's CJK fonts.
const serif = `'${SERIF_FAMILY}', '${CJK_SERIF_FAMILY}', 'Noto Serif CJK SC', 'Source Han Serif SC', 'Songti SC', 'SimSun', serif`;
export const sans = `'${SANS_FAMILY}', '${CJK_SANS_FAMILY}', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif`;
const mono = `'DejaVu Sans Mono', 'Menlo', 'Consolas', 'Noto Sans Mono CJK SC', monospace`;

/**
 * The print stylesheet. Type: Source Serif 4 at 10.5 pt for reading, Source
 * Sans 3 for headings, labels and tables; CJK text falls through to the
 * system's CJK serif or sans. Colour is used sparingly and always with words
 * (status, kind), so a black-and-white copy reads the same.
 */
export function printCss(pageSize: PageSize): string {
  return `
@page { size: ${pageGeometry[pageSize].size}; margin: 24mm 20mm 22mm 20mm; }
:root {
  --ink: #1b1e23; --muted: #5b6470; --faint: #8a929c; --rule: #c9ced6; --rule-soft: #e3e6ea;
  --accent: #1d3f6e; --accent-soft: #eef2f8; --marking: #8a1c1c; --shade: #f4f5f7;
  --open: #4a5868; --progressing: #8a5300; --agreed: #1f6a3a; --stalled: #a02222;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${serif}; font-size: 10.5pt; line-height: 1.45; color: var(--ink);
  font-kerning: normal; font-variant-numeric: oldstyle-nums proportional-nums; hyphens: manual;
  overflow-wrap: break-word; orphans: 3; widows: 3;
  /* Chinese has no italic: never slant it (or embolden it) artificially. */
  font-synthesis: none; }
a { color: inherit; text-decoration: none; }
h1, h2, h3, h4, h5, h6 { font-family: ${sans}; color: var(--ink); break-after: avoid; page-break-after: avoid; break-inside: avoid; }
p, li { orphans: 2; widows: 2; }

/* ---- cover ---- */
.cover { height: 247mm; display: flex; flex-direction: column; break-after: page; }
.cover-marking { margin: 0; padding: 2.2mm 0; text-align: center; font-family: ${sans}; font-weight: 700; font-size: 10pt;
  letter-spacing: 0.12em; color: var(--marking); border-top: 1.2pt solid var(--marking); border-bottom: 1.2pt solid var(--marking); }
.cover-main { flex: 1; display: flex; flex-direction: column; justify-content: center; padding: 0 6mm; }
.cover-eyebrow { margin: 0 0 5mm; font-family: ${sans}; font-size: 10pt; font-weight: 600; letter-spacing: 0.16em;
  text-transform: uppercase; color: var(--accent); }
.cover-title { font-family: ${sans}; font-size: 30pt; font-weight: 700; line-height: 1.12; color: var(--ink); max-width: 150mm; }
.cover-rule { width: 28mm; height: 2pt; background: var(--accent); margin: 9mm 0 8mm; }
.cover-facts { margin: 0; display: grid; grid-template-columns: 32mm 1fr; row-gap: 2.6mm; font-size: 11pt; }
.cover-facts div { display: contents; }
.cover-facts dt { font-family: ${sans}; font-size: 8.5pt; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase;
  color: var(--muted); padding-top: 0.7mm; }
.cover-facts dd { margin: 0; }
.cover-foot { padding: 0 0 2mm; }
.cover-handling { margin: 3mm 0 0; text-align: center; font-family: ${sans}; font-size: 8pt; color: var(--muted); }

/* ---- part titles: contents and appendix ---- */
.part-title { font-size: 20pt; font-weight: 700; margin: 0 0 7mm; padding-bottom: 2.5mm; border-bottom: 1.5pt solid var(--ink); }

/* ---- contents ---- */
.contents { break-after: page; }
.toc { list-style: none; margin: 0; padding: 0; font-family: ${sans}; }
.toc-entry a { display: flex; align-items: baseline; gap: 2.5mm; padding: 2.4mm 0; border-bottom: 0.5pt solid var(--rule-soft); }
.toc-n { flex: 0 0 7mm; font-weight: 700; color: var(--accent); font-variant-numeric: lining-nums tabular-nums; }
.toc-text { flex: 0 1 auto; max-width: 130mm; }
.toc-title { font-size: 11pt; font-weight: 600; }
.toc-meta { display: block; font-size: 8.5pt; color: var(--muted); margin-top: 0.4mm; }
.toc-leader { flex: 1 1 8mm; border-bottom: 1pt dotted var(--faint); }
.toc-page { flex: 0 0 11mm; text-align: right; font-size: 11pt; font-weight: 600; font-variant-numeric: lining-nums tabular-nums; }
.toc-appendix .toc-n { color: var(--muted); }
.toc-appendix { margin-top: 3mm; }

/* ---- an issue area ---- */
.area { break-before: page; }
.area-head { margin-bottom: 5mm; }
.area-eyebrow { margin: 0 0 1.5mm; font-family: ${sans}; font-size: 8.5pt; font-weight: 600; letter-spacing: 0.12em;
  text-transform: uppercase; color: var(--accent); }
.area-eyebrow .archived { color: var(--marking); }
.area-title { font-size: 21pt; font-weight: 700; line-height: 1.15; margin: 0 0 4mm; }
.area-meta { display: flex; flex-wrap: wrap; gap: 2mm 7mm; margin: 0 0 4.5mm; padding: 2.2mm 0; border-top: 0.75pt solid var(--rule);
  border-bottom: 0.75pt solid var(--rule); font-family: ${sans}; font-size: 9pt; }
.area-meta div { display: flex; gap: 2mm; align-items: baseline; }
.area-meta dt { font-size: 7.5pt; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
.area-meta dd { margin: 0; }
.status, .point-status { font-family: ${sans}; font-weight: 700; }
.status-open, .point-open { color: var(--open); }
.status-progressing, .point-narrowing { color: var(--progressing); }
.status-agreed, .point-agreed { color: var(--agreed); }
.status-stalled, .point-stalled { color: var(--stalled); }
.point-dropped { color: var(--faint); }
.priority-high { font-weight: 700; }
.tag { display: inline-block; padding: 0 1.6mm; border: 0.5pt solid var(--rule); border-radius: 1mm; font-size: 8pt; color: var(--muted); }
.summary { background: var(--accent-soft); border-left: 2.2pt solid var(--accent); padding: 3mm 4mm; font-size: 10.5pt; break-inside: avoid; }
.summary p { margin: 0; }
.summary p + p { margin-top: 2mm; }
.section-title { font-size: 12pt; font-weight: 700; letter-spacing: 0.02em; color: var(--accent); margin: 7mm 0 3mm;
  padding-bottom: 1.2mm; border-bottom: 0.75pt solid var(--rule); }
.empty { color: var(--muted); font-style: italic; }

/* ---- the briefing note ---- */
.note h3 { font-size: 12pt; font-weight: 700; margin: 5mm 0 2mm; }
.note h4 { font-size: 11pt; font-weight: 700; margin: 5mm 0 1.8mm; }
.note h5 { font-size: 10.5pt; font-weight: 600; margin: 4mm 0 1.5mm; }
.note h6 { font-size: 10pt; font-weight: 600; font-style: italic; margin: 3mm 0 1mm; }
.note > :first-child { margin-top: 0; }
.note p { margin: 0 0 2.6mm; }
.note ul, .note ol { margin: 0 0 2.8mm; padding-left: 6mm; }
.note li { margin: 0 0 1.1mm; }
.note li > p { margin: 0 0 1.1mm; }
.note blockquote { margin: 0 0 3mm; padding: 1.5mm 0 1.5mm 4mm; border-left: 1.5pt solid var(--rule); color: #333a43; }
.note blockquote p { margin: 0; }
.note code { font-family: ${mono}; font-size: 8.8pt; background: var(--shade); padding: 0 0.8mm; border-radius: 0.6mm; }
.note pre { font-family: ${mono}; font-size: 8.5pt; background: var(--shade); padding: 2.5mm 3mm; white-space: pre-wrap; break-inside: avoid; }
.note pre code { background: none; padding: 0; }
.note hr { border: 0; border-top: 0.75pt solid var(--rule); margin: 4mm 0; }
.note a[href] { color: var(--accent); text-decoration: underline; text-decoration-thickness: 0.4pt; text-underline-offset: 0.6mm; }
.note table { width: 100%; border-collapse: collapse; margin: 1mm 0 4mm; font-family: ${sans}; font-size: 9pt; line-height: 1.35; }
.note th { text-align: left; font-weight: 700; background: var(--shade); border-top: 1pt solid var(--ink); border-bottom: 0.75pt solid var(--ink); padding: 1.6mm 2mm; }
.note td { border-bottom: 0.5pt solid var(--rule); padding: 1.6mm 2mm; vertical-align: top; }
.note tr { break-inside: avoid; page-break-inside: avoid; }
.note thead { display: table-header-group; }
.align-right { text-align: right; }
.align-center { text-align: center; }
.task-box { display: inline-block; width: 2.7mm; height: 2.7mm; border: 0.8pt solid var(--ink); border-radius: 0.4mm;
  margin: 0 1.8mm 0 0; vertical-align: -0.3mm; position: relative; }
.task-done::after { content: ''; position: absolute; left: 0.75mm; top: 0.1mm; width: 0.8mm; height: 1.6mm;
  border: solid var(--ink); border-width: 0 0.9pt 0.9pt 0; transform: rotate(45deg); }
.note li:has(> .task-box), .note li:has(> p > .task-box) { list-style: none; margin-left: -5mm; padding-left: 5mm; text-indent: -5mm; }
.omitted-image { font-family: ${sans}; font-size: 8.5pt; color: var(--muted); border: 0.5pt dashed var(--rule); padding: 0.3mm 1.5mm; }
.raw-html { font-family: ${mono}; font-size: 8.8pt; color: var(--muted); }

/* ---- positions ---- */
.positions { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 3mm; font-family: ${sans}; font-size: 8.8pt; line-height: 1.35; }
.positions thead { display: table-header-group; }
.positions th { text-align: left; vertical-align: bottom; font-size: 8.5pt; font-weight: 700; letter-spacing: 0.02em; color: #fff;
  background: var(--accent); padding: 1.8mm 2mm; border-right: 0.75pt solid #fff; }
.positions th:last-child { border-right: 0; }
.positions tr { break-inside: avoid; page-break-inside: avoid; }
.positions td { vertical-align: top; padding: 2mm; border-bottom: 0.6pt solid var(--rule); }
.positions tbody tr:nth-child(even) td { background: #f8f9fa; }
.positions .col-point { width: 22%; }
.positions .col-assessment { width: 22%; }
.positions .point-title { display: block; font-weight: 700; margin-bottom: 1mm; }
.positions .point-status { display: inline-block; font-size: 7.5pt; letter-spacing: 0.06em; text-transform: uppercase; }
.positions .assessment { font-family: ${serif}; font-style: italic; font-size: 9pt; color: #2d333b; }
.positions .none { color: var(--faint); font-style: italic; }
.positions p { margin: 0; }
.positions-wide { font-size: 7.8pt; }
.positions-wide .col-point, .positions-wide .col-assessment { width: 16%; }
.kind { display: block; width: fit-content; font-size: 7pt; font-weight: 700; letter-spacing: 0.07em; text-transform: uppercase;
  padding: 0.2mm 1.2mm; margin-bottom: 0.8mm; border-radius: 0.6mm; border: 0.6pt solid currentColor; }
.kind-demand { color: #1d3f6e; }
.kind-position { color: #4a5868; }
.kind-offer { color: #1f6a3a; }
.kind-red-line { color: #fff; background: var(--marking); border-color: var(--marking); }
.refs { font-size: 6.8pt; font-weight: 700; color: var(--accent); line-height: 0; margin-left: 0.5mm; white-space: nowrap; }

/* ---- evidence ---- */
.evidence { list-style: none; margin: 0; padding: 0; }
.evidence li { display: flex; gap: 3mm; margin: 0 0 3mm; break-inside: avoid; }
.ev-n { flex: 0 0 6mm; height: 6mm; border-radius: 50%; background: var(--accent); color: #fff; font-family: ${sans};
  font-size: 8pt; font-weight: 700; text-align: center; line-height: 6mm; font-variant-numeric: lining-nums; }
.ev-body { flex: 1; min-width: 0; }
.ev-quote { margin: 0 0 1mm; font-size: 10pt; font-style: italic; }
.ev-quote::before { content: '“'; }
.ev-quote::after { content: '”'; }
.ev-cite { margin: 0; font-family: ${sans}; font-size: 8.5pt; color: var(--muted); }
.ev-cite cite { font-family: ${serif}; font-style: italic; font-size: 9pt; }
.ev-caveat { font-style: italic; color: var(--faint); }
.src-ref { font-weight: 700; color: var(--accent); }

/* ---- sources appendix ---- */
.appendix { break-before: page; }
.appendix-intro { color: var(--muted); margin: 0 0 5mm; }
.sources { list-style: none; margin: 0; padding: 0; }
.sources li { display: flex; gap: 3mm; padding: 2mm 0; border-bottom: 0.5pt solid var(--rule-soft); break-inside: avoid; }
.src-n { flex: 0 0 9mm; font-family: ${sans}; font-weight: 700; color: var(--accent); font-variant-numeric: lining-nums; }
.src-body { flex: 1; min-width: 0; }
.src-url { display: block; font-family: ${sans}; font-size: 8pt; color: var(--muted); word-break: break-all; }
.sources .src-quotes { list-style: none; margin: 1.5mm 0 0; padding: 0; }
.sources .src-quotes li { display: block; margin: 1mm 0 0; padding: 0 0 0 3mm; border: 0; border-left: 1.5pt solid var(--rule-soft); font-size: 9pt; font-style: italic; break-inside: avoid; }
`;
}
