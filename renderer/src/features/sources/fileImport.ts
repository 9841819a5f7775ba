import { decodeArticleBytes, kindOfFile, tooLargeMessage, unsupportedFileMessage } from '../../../../electron/core/sources/fileKinds';
import { sourceLimits } from '../../../../electron/core/sources/model';
import { api, errorMessage } from '../../api/client';
import { useToasts } from '../../shared/ui/toasts';
import { useNavigation } from '../../app/navigation';
import { runImports, type ImportTask } from './sourcesState';

/** Files dropped on the window: read here, sent as text. Unsupported or oversize files fail with a clear message. */
export function dropTasks(files: readonly File[]): ImportTask[] {
  return files.slice(0, sourceLimits.files).map((file) => ({
    name: file.name,
    run: async () => {
      const kind = kindOfFile(file.name);
      if (!kind) throw new Error(unsupportedFileMessage(file.name));
      if (file.size > sourceLimits.fileBytes) throw new Error(tooLargeMessage(file.name, file.size));
      const bytes = new Uint8Array(await file.arrayBuffer());
      const text = decodeArticleBytes(bytes, kind, file.name, (data, label, fatal) => new TextDecoder(label, { fatal }).decode(data));
      return api.sources.importText({ text, format: kind, fileName: file.name });
    },
  }));
}

/** Runs imports; a single new (or duplicate) source opens at once in the reader. */
export async function importAndOpen(tasks: readonly ImportTask[]): Promise<void> {
  if (tasks.length === 0) return;
  const nav = useNavigation.getState();
  if (nav.route.view !== 'sources') nav.go({ view: 'sources' });
  const results = await runImports(tasks);
  if (tasks.length === 1 && results[0]?.status === 'imported') {
    useNavigation.getState().go({ view: 'source', sourceId: results[0].source.id, editDetails: true });
  }
}

export async function openFilesAction(): Promise<void> {
  const picked = await api.sources.chooseFiles({});
  await importAndOpen(picked.map((f) => ({ name: f.name, run: () => api.sources.importFile({ token: f.token }) })));
}

/** Open files… from a button, the menu or the palette: a failure to list the files is shown as a toast. */
export function importFilesAction(): Promise<void> {
  return openFilesAction().catch((e: unknown) => {
    useToasts.getState().show({ tone: 'error', message: `Files were not imported: ${errorMessage(e)}` });
  });
}
