import type { DocumentKind } from '../../core/persistence/documents';
import type { StoredDocument } from './document';
import type { DataFolder } from './dataFolder';

/** Files read at once: enough to keep the disk busy, well under any open-file limit. */
const LOAD_BATCH = 96;

export interface FolderDocuments<T> {
  /** Usable documents by id (the file name without .json). */
  readonly docs: Map<string, StoredDocument<T>>;
  /** Ids whose files exist but cannot be used (newer, damaged, or holding another id). They are never written. */
  readonly reserved: Set<string>;
}

/**
 * Reads every `<id>.json` of a sub-folder as documents of one kind, in batches. Damaged files are set aside
 * (by DataFolder.load), and a file that holds another id than its name is reported and left alone.
 */
export async function loadFolderDocuments<T>(
  folder: DataFolder,
  dir: string,
  names: readonly string[],
  kind: DocumentKind<T>,
  describe: (doc: T) => { readonly id: string; readonly title: string; readonly what: string },
  onChange?: (value: T) => void,
): Promise<FolderDocuments<T>> {
  const docs = new Map<string, StoredDocument<T>>();
  const reserved = new Set<string>();
  for (let i = 0; i < names.length; i += LOAD_BATCH) {
    const batch = names.slice(i, i + LOAD_BATCH);
    const results = await Promise.all(batch.map((name) => folder.load(`${dir}/${name}`, kind)));
    batch.forEach((name, index) => {
      const result = results[index];
      const id = name.slice(0, -'.json'.length);
      if (!result || result.kind !== 'ok') {
        reserved.add(id);
        return;
      }
      const found = describe(result.doc);
      if (found.id !== id) {
        reserved.add(id);
        folder.report(
          'warning',
          `An ${found.what} file was ignored`.replace(/^An ([^aeiou])/, 'A $1'),
          `${dir}/${name}`,
          null,
          `${dir}/${name} holds the ${found.what} "${found.title}" under another id (${found.id}), so it was not opened. It has not been changed.`,
        );
        return;
      }
      docs.set(id, folder.document(`${dir}/${name}`, kind, result.doc, onChange));
    });
  }
  return { docs, reserved };
}
