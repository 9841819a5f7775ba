import { join } from 'node:path';
import type { PickedFile, Selection, SourceDetail } from '../../electron/core/contract/sourceViews';
import { repoRoot } from '../harness/paths';
import type { Booted } from '../services/support';
import type { WritePath, WriteScenario } from './writePaths';

/**
 * Sources (issue 3): the methods that only read, proven to change no file. They may read the
 * library's files (an article's stored text is read when it is opened or searched for quotes).
 */
const S = 'src-wire-third-day';
const A = 'ann-deny-forced';
const read = (channel: string, payload: unknown = {}): WritePath => ({
  readOnly: true,
  reads: true,
  call: (b) => b.call(channel, payload),
});

export const sourcesContractPaths: Record<string, WritePath> = {
  'sources.list': read('bb:sources.list'),
  'sources.get': read('bb:sources.get', { id: S }),
  'sources.dependants': read('bb:sources.dependants', { id: S }),
  'sources.backlinks': read('bb:sources.backlinks', { id: S }),
  'sources.resolve': read('bb:sources.resolve', { refs: [{ sourceId: S, annotationId: A }] }),
  'sources.evidence': read('bb:sources.evidence', { areaId: 'forced-technology-transfer' }),
  'sources.candidates': read('bb:sources.candidates', { query: 'transfer', areaId: null }),
  'annotations.citations': read('bb:annotations.citations', { sourceId: S, id: A }),
};

/** Always answers the Open dialog with the same saved page, however often it is asked. */
const alwaysPicks = { chooseFiles: async () => [join(repoRoot, 'tests', 'fixtures', 'sources', 'wire-plain.txt')] };

/** The selection a scenario made on a healthy disk, before its save runs. */
const selected = new WeakMap<Booted, Selection>();

/** A selection of `exact` in the stored text of source `sourceId`, as the reader sends it. */
async function selectionOf(b: Booted, sourceId: string, exact: string): Promise<Selection> {
  const detail = await b.ok<SourceDetail>('bb:sources.get', { id: sourceId });
  const start = detail.text.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" is not in ${sourceId}`);
  const end = start + exact.length;
  return { exact, prefix: detail.text.slice(Math.max(0, start - 32), start), suffix: detail.text.slice(end, end + 32), start, end };
}

const one = (label: string, act: WriteScenario['act'], prepare?: WriteScenario['prepare']): WritePath => ({
  readOnly: false,
  scenarios: [{ label, act, ...(prepare ? { prepare } : {}) }],
});

const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deputies to meet before the deadline</title></head>
<body><article><h1>Deputies to meet before the deadline</h1>
<p>Negotiators will meet again before 2 March, when US tariffs on $200 billion of imports are due to rise to 25%.</p>
<p>双方同意在3月2日前继续磋商。The structural issues remain open.</p></article></body></html>`;

/** Sources (issue 3) that write: each through the fault-injection test like the book's own saves. */
export const sourcesWritePaths: Record<string, WritePath> = {
  'sources.importText': one('import a pasted page', (b) =>
    b.call('bb:sources.importText', { text: article, format: 'html', fileName: 'deputies.html' }),
  ),
  // Writes nothing: the Open dialog answers with a token that stands for the file.
  'sources.chooseFiles': { readOnly: true, call: (b) => b.call('bb:sources.chooseFiles', {}) },
  'sources.importFile': {
    readOnly: false,
    scenarios: [
      {
        label: 'import a file chosen in the Open dialog',
        boot: { filePicker: alwaysPicks },
        // The chosen file itself may be what cannot be read: that is said about the file.
        refused:
          /^(Not saved: [^.]+\. Your changes are kept in the app and will be saved when the problem is fixed\.|"wire-plain\.txt" could not be read: [a-z][^.]+\.)$/,
        act: async (b) => {
          const picked = await b.ok<PickedFile[]>('bb:sources.chooseFiles', {});
          return b.call('bb:sources.importFile', { token: picked[0]?.token ?? '' });
        },
      },
    ],
  },
  'sources.update': one('correct the outlet and the date of a source', (b) =>
    b.call('bb:sources.update', { id: S, patch: { outlet: 'Meridian Wire (Beijing)', publishedOn: '2019-01-10' } }),
  ),
  'sources.delete': one('delete a source', (b) => b.call('bb:sources.delete', { id: S })),
  'sources.undelete': one(
    'bring a deleted source back',
    (b) => b.call('bb:sources.undelete', { id: S }),
    async (b) => {
      await b.ok('bb:sources.delete', { id: S });
    },
  ),
  'annotations.create': one(
    'highlight a sentence and link it to an area',
    async (b) =>
      b.call('bb:annotations.create', {
        sourceId: S,
        selection: selected.get(b),
        color: 'pink',
        comment: 'Why a schedule matters: **decades**.',
        areaIds: ['purchase-commitments'],
      }),
    async (b) => {
      selected.set(b, await selectionOf(b, S, 'A pledge to let US beef back into the Chinese market'));
    },
  ),
  'annotations.update': one('recolour an annotation and comment on it', (b) =>
    b.call('bb:annotations.update', { sourceId: S, id: A, patch: { color: 'blue', comment: 'Their standing line, 10 January.' } }),
  ),
  'annotations.reattach': one(
    'point an annotation at other words',
    async (b) => b.call('bb:annotations.reattach', { sourceId: S, id: A, selection: selected.get(b) }),
    async (b) => {
      selected.set(b, await selectionOf(b, S, 'forced to transfer technology'));
    },
  ),
  'annotations.delete': one('delete an annotation', (b) => b.call('bb:annotations.delete', { sourceId: S, id: A })),
  'annotations.undelete': one(
    'bring a deleted annotation back',
    (b) => b.call('bb:annotations.undelete', { sourceId: S, id: A }),
    async (b) => {
      await b.ok('bb:annotations.delete', { sourceId: S, id: A });
    },
  ),
  'annotations.cite': one('cite an annotation at the end of a note', (b) =>
    b.call('bb:annotations.cite', { areaId: 'enforcement', ref: { sourceId: S, annotationId: A } }),
  ),
};
