import { create } from 'zustand';
import type { ImportResult, SourceSummary } from '../../../../electron/core/contract/sourceViews';
import { api, errorMessage } from '../../api/client';

/** One file or paste in an import run, with what became of it. */
export interface ImportJob {
  readonly id: number;
  readonly name: string;
  status: 'waiting' | 'importing' | 'imported' | 'duplicate' | 'failed';
  message: string;
  sourceId: string | null;
}

interface SourcesState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: string | null;
  sources: SourceSummary[];
  /** Bumped after every change to sources or annotations, so resolved citations and evidence reload. */
  version: number;
  jobs: ImportJob[];
  load(): Promise<void>;
  upsert(source: SourceSummary): void;
  remove(id: string): void;
  touch(): void;
  setJobs(jobs: ImportJob[]): void;
  clearJobs(): void;
}

export const useSources = create<SourcesState>()((set, get) => ({
  status: 'idle',
  error: null,
  sources: [],
  version: 0,
  jobs: [],
  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    try {
      set({ status: 'ready', sources: await api.sources.list({}), error: null });
    } catch (error) {
      set({ status: 'failed', error: errorMessage(error) });
    }
  },
  upsert(source) {
    const others = get().sources.filter((s) => s.id !== source.id);
    set({ sources: source.deletedAt === null ? [...others, source] : others, version: get().version + 1 });
  },
  remove(id) {
    set({ sources: get().sources.filter((s) => s.id !== id), version: get().version + 1 });
  },
  touch() {
    set({ version: get().version + 1 });
  },
  setJobs(jobs) {
    set({ jobs });
  },
  clearJobs() {
    set({ jobs: [] });
  },
}));

let jobSeq = 0;

export interface ImportTask {
  readonly name: string;
  readonly run: () => Promise<ImportResult>;
}

/**
 * Imports one after another, showing each file's progress and result. Returns the
 * results in order (null for a failure), so a single import can open what it made.
 */
export async function runImports(tasks: readonly ImportTask[]): Promise<(ImportResult | null)[]> {
  const store = useSources.getState();
  const jobs: ImportJob[] = tasks.map((t) => ({ id: ++jobSeq, name: t.name, status: 'waiting', message: '', sourceId: null }));
  const publish = () => useSources.getState().setJobs(jobs.map((j) => ({ ...j })));
  store.setJobs(jobs.map((j) => ({ ...j })));
  const results: (ImportResult | null)[] = [];
  for (const [index, task] of tasks.entries()) {
    const job = jobs[index];
    if (!job) continue;
    job.status = 'importing';
    publish();
    try {
      const result = await task.run();
      if (result.status === 'imported') {
        job.status = 'imported';
        job.message = result.source.title;
        job.sourceId = result.source.id;
        useSources.getState().upsert(result.source);
      } else {
        job.status = 'duplicate';
        job.message = result.existing.title;
        job.sourceId = result.existing.id;
      }
      results.push(result);
    } catch (error) {
      job.status = 'failed';
      job.message = errorMessage(error);
      results.push(null);
    }
    publish();
  }
  return results;
}

export function formatDate(date: string | null): string {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
