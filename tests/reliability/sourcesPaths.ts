import type { WritePath } from './writePaths';

/**
 * Sources (issue 3): the methods that only read, proven to change no file. They may read the
 * library's files (an article's stored text is read when it is opened or searched for quotes).
 * The methods that write are listed in sourcesPendingFaults with what proves them today.
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

/**
 * Sources methods that write but are not yet driven by the fault-injection test, because the
 * observer (observe.ts) does not yet compare the library in memory with its files. Each says what
 * proves its saves today. The coverage test keeps this list exact: a method leaves it when it gets
 * a write path, and no other method may join it.
 */
export const sourcesPendingFaults: Record<string, string> = {
  'sources.importText':
    'sources.test.ts: a full disk during an import leaves no source and no temp file; the snapshot file is written once',
  'sources.importFile': 'as sources.importText, from a picked file (sources.test.ts)',
  'sources.chooseFiles': 'writes nothing; opens the native dialog, which the proofs have no stand-in for',
  'sources.update': 'one durable write of sources/<id>.json (the store write that faultInjection.test.ts proves for areas)',
  'sources.delete': 'as sources.update',
  'sources.undelete': 'as sources.update',
  'annotations.create': 'as sources.update',
  'annotations.update': 'as sources.update',
  'annotations.reattach': 'as sources.update',
  'annotations.delete': 'as sources.update',
  'annotations.undelete': 'as sources.update',
  'annotations.cite': "one durable write of the area's file, as notes.save (faultInjection.test.ts)",
};
