import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listMethods } from '../../electron/core/contract/api';
import { documentKinds } from '../../electron/core/persistence/documents';
import { FaultyFs } from '../harness/faultyFs';
import { repoRoot } from '../harness/paths';
import { apiFuzz } from '../reliability/apiFuzz';
import { bootQuick, copyFolder, sampleTemplate } from '../reliability/folders';
import { storedFiles } from '../reliability/storedFiles';
import { contractWritePaths, serviceWritePaths } from '../reliability/writePaths';
import { tortureOps } from '../torture/ops';

/**
 * The reliability proofs are driven by tables. These tests fail when a new
 * kind of stored file or a new API method arrives without its entries, so no
 * feature can add data or a method that the crash, fault, power-loss and fuzz
 * proofs silently skip. DEVELOPERS.md says what to add where.
 */
/**
 * Saves the crash loop does not make, each with where its crash safety is proven instead. The crash loop checks
 * the book's own documents after each kill; these write other files, or need a state the crash loop's book never has.
 */
const crashProvenElsewhere: Record<string, string> = {
  'pdf.export':
    'writes a file the user chose, outside the book: exportFaults.test.ts (every operation fails in turn) and pdfExport.test.ts',
  'backup.exportArchive': 'writes a file the user chose, outside the book: exportFaults.test.ts and archive.test.ts',
  'backup.importArchive': 'writes a new folder beside the book, renamed into place when whole: exportFaults.test.ts',
  'snapshots.create':
    'zips in snapshots/, beside the book documents the crash loop checks: exportFaults.test.ts and the snapshot power-loss test (exportPowerLoss.test.ts: take, rotate, restore)',
  'snapshots.start': 'as snapshots.create',
  'snapshots.daily': 'as snapshots.create',
  'snapshots.beforeMigration': 'as snapshots.create',
  'snapshots.restore':
    'rewrites the whole book under a journal: exportFaults.test.ts, snapshots.test.ts and exportPowerLoss.test.ts (power cuts during restores)',
  'annotations.cite': "one durable write of the area's file, as notes.save (tortured): faultInjection.test.ts",
  'meetings.exportBrief': 'writes only the PDF the user chose, outside the book, as pdf.export: meetingBriefPdf.test.ts',
  'parties.restore':
    "needs an archived party, which the crash loop's book never has; its save is book.json's one durable write, as rounds.* (tortured): faultInjection.test.ts",
};

const methodNames = listMethods().map((m) => `${m.namespace}.${m.name}`);

describe('every kind of stored file is covered', () => {
  test('storedFiles (file fuzzing, migrations) has an entry for every document kind, and only those', () => {
    expect(Object.keys(storedFiles).sort()).toEqual(documentKinds.map((k) => k.format).sort());
  });
});

describe('every API method is covered', () => {
  test('the write-path table (fault injection) says for every method whether it writes, and how to drive it', () => {
    expect(Object.keys(contractWritePaths).sort()).toEqual([...methodNames].sort());
  });

  test('the API fuzz table has an entry for every method', () => {
    expect(Object.keys(apiFuzz).sort()).toEqual([...methodNames].sort());
  });

  test('every method that writes, and every service save, is made by the crash loop', () => {
    const tortured = new Set([...Object.values(tortureOps).map((op) => op.method), ...Object.keys(crashProvenElsewhere)]);
    const writers = [
      ...Object.entries(contractWritePaths)
        .filter(([, path]) => !path.readOnly)
        .map(([name]) => name),
      ...Object.keys(serviceWritePaths),
    ];
    expect(writers.filter((name) => !tortured.has(name))).toEqual([]);
    // And the crash loop makes nothing the tables do not know.
    expect([...tortured].filter((name) => !writers.includes(name))).toEqual([]);
  });

  test.each(Object.entries(contractWritePaths).filter(([, p]) => p.readOnly))(
    '%s, said to only read, succeeds and touches no file',
    async (_name, path) => {
      if (!path.readOnly) return;
      const dir = await copyFolder(await sampleTemplate());
      const fs = new FaultyFs();
      const b = await bootQuick(dir, { fs });
      await path.prepare?.(b);
      const start = fs.count;
      const result = await path.call(b);
      expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
      // A method that reads an archive or a snapshot may read files; none may change one.
      const reads = new Set(['readFile', 'readdir', 'stat', 'open', 'close']);
      expect(fs.callsSince(start).filter((c) => !path.reads || !reads.has(c.op))).toEqual([]);
      await b.services.shutdown();
    },
  );
});

describe('every file operation of the store goes through FsPort', () => {
  async function sources(dir: string): Promise<string[]> {
    const out: string[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) out.push(...(await sources(path)));
      else if (/\.tsx?$/.test(entry.name)) out.push(path);
    }
    return out;
  }

  test('only the real file system port (and the app:// file server, which reads the built renderer) imports node:fs', async () => {
    const allowed = ['electron/services/fs/nodeFs.ts', 'electron/services/appProtocol.ts'];
    const offenders: string[] = [];
    for (const file of await sources(join(repoRoot, 'electron'))) {
      const code = await readFile(file, 'utf8');
      const rel = relative(repoRoot, file).split('\\').join('/');
      if (/from ['"](node:)?fs(\/promises)?['"]|require\(['"](node:)?fs/.test(code) && !allowed.includes(rel)) offenders.push(rel);
    }
    expect(offenders).toEqual([]);
  });
});
