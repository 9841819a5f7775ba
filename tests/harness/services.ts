import { sampleBook } from '../../electron/core/sample/sampleBook';
import type { PlatformPort } from '../../electron/services/app/appService';
import { createServices, type ContainerDeps, type Services } from '../../electron/services/container';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { randomIds, systemClock } from '../../electron/services/runtime';
import type { FilePickerPort } from '../../electron/services/sources/filePicker';
import { searchWorkerPath } from './searchWorker';

/** Records what would have gone to the desktop (link confirmations, opened links). */
export class RecordingPlatform implements PlatformPort {
  readonly confirmed: string[] = [];
  readonly opened: string[] = [];
  answer = true;
  async confirmOpenExternal(url: string): Promise<boolean> {
    this.confirmed.push(url);
    return this.answer;
  }
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

/** Answers the Open dialog with the paths queued in `answers` (none: the user cancelled). */
export class RecordingFilePicker implements FilePickerPort {
  readonly answers: string[][] = [];
  asked = 0;
  async chooseFiles(): Promise<string[]> {
    this.asked += 1;
    return this.answers.shift() ?? [];
  }
}

/** The real services on a real folder, as the main process builds them (the search index in its worker thread). */
export function testServices(dataDir: string, overrides: Partial<ContainerDeps> = {}): Services {
  return createServices({
    dataDir,
    fs: nodeFs,
    clock: systemClock,
    ids: randomIds,
    sample: sampleBook,
    platform: new RecordingPlatform(),
    filePicker: new RecordingFilePicker(),
    emit: () => undefined,
    version: '0.0.0-test',
    platformName: 'linux',
    today: null,
    searchWorker: searchWorkerPath(),
    ...overrides,
  });
}
