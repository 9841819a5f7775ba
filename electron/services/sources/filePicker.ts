import { AppError } from '../../core/errors';

/**
 * The native "Open files" dialog, behind a port like PlatformPort: Electron's
 * dialog in the app, a recorder that answers in tests. Returns absolute paths;
 * an empty list when the user cancels.
 */
export interface FilePickerPort {
  chooseFiles(): Promise<readonly string[]>;
}

/** Where no desktop is attached (the command line, a bare container). */
export const noFilePicker: FilePickerPort = {
  async chooseFiles() {
    throw new AppError('internal', 'Opening files is not available here; drop the files on the window or paste the text instead.');
  },
};
