import type { DesktopFilesPort, FileFilter } from '../../electron/services/export/ports';

/**
 * The desktop for tests: each dialog is answered from a queue the test fills
 * (a path, or null for Cancel), and every request is recorded. An unexpected
 * dialog fails loudly.
 */
export class ScriptedDesktop implements DesktopFilesPort {
  readonly saveAnswers: (string | null)[] = [];
  readonly openAnswers: (string | null)[] = [];
  readonly folderAnswers: (string | null)[] = [];
  readonly asked: { kind: 'save' | 'open' | 'folder'; title: string; defaultName?: string; filters?: readonly FileFilter[] }[] = [];
  readonly opened: string[] = [];
  readonly shown: string[] = [];
  readonly relaunched: string[] = [];

  /** Answers a dialog whose queue is empty (the API fuzzer answers every dialog); unset, such a dialog fails the test. */
  otherwise: ((kind: 'save' | 'open' | 'folder') => string | null) | null = null;

  private next(queue: (string | null)[], kind: 'save' | 'open' | 'folder'): string | null {
    if (queue.length === 0) {
      if (this.otherwise) return this.otherwise(kind);
      throw new Error(`The test did not expect a ${kind} dialog.`);
    }
    return queue.shift() ?? null;
  }

  async chooseSavePath(options: { title: string; defaultName: string; filters: readonly FileFilter[] }): Promise<string | null> {
    this.asked.push({ kind: 'save', ...options });
    return this.next(this.saveAnswers, 'save');
  }
  async chooseOpenPath(options: { title: string; filters: readonly FileFilter[] }): Promise<string | null> {
    this.asked.push({ kind: 'open', ...options });
    return this.next(this.openAnswers, 'open');
  }
  async chooseFolder(options: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'folder', ...options });
    return this.next(this.folderAnswers, 'folder');
  }
  async openPath(path: string): Promise<void> {
    this.opened.push(path);
  }
  async showInFolder(path: string): Promise<void> {
    this.shown.push(path);
  }
  async relaunchOn(dataDir: string): Promise<void> {
    this.relaunched.push(dataDir);
  }
}
