import type { PrintBoard, PrintEvidence, PrintSource } from '../../core/print/model';

/**
 * What only the desktop shell can do for exports and backups: native file
 * dialogs, opening a file, restarting on another book. Electron in the app
 * (electron/main/exportPlatform.ts); a scripted recorder in tests, which
 * answers the dialogs.
 */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface DesktopFilesPort {
  /** The save dialog. Resolves with the chosen path, or null when the user cancelled. */
  chooseSavePath(options: {
    readonly title: string;
    readonly defaultName: string;
    readonly filters: readonly FileFilter[];
  }): Promise<string | null>;
  /** The open dialog, one file. */
  chooseOpenPath(options: { readonly title: string; readonly filters: readonly FileFilter[] }): Promise<string | null>;
  /** A folder, possibly a new one. */
  chooseFolder(options: { readonly title: string }): Promise<string | null>;
  /** Opens a file with the system's default app (a PDF viewer). */
  openPath(path: string): Promise<void>;
  /** Shows a file in the system's file manager. */
  showInFolder(path: string): Promise<void>;
  /** Quits (after saving) and starts again on the book in `dataDir`. */
  relaunchOn(dataDir: string): Promise<void>;
}

const refuse = (what: string) => () => Promise.reject(new Error(`${what} not available here (there is no desktop).`));

/** Used where there is no desktop (the command line): every dialog is refused with a clear message. */
export const noDesktop: DesktopFilesPort = {
  chooseSavePath: refuse('File dialogs are'),
  chooseOpenPath: refuse('File dialogs are'),
  chooseFolder: refuse('File dialogs are'),
  openPath: refuse('Opening files is'),
  showInFolder: refuse('Showing folders is'),
  relaunchOn: refuse('Restarting the app is'),
};

/**
 * What later features add to the printed book. Positions (boards, evidence)
 * and Sources plug in here with a small adapter over their services; until
 * they land the book prints without them.
 */
export interface PrintContentSource {
  /** The positions board of an area, or null. */
  board(areaId: string): Promise<PrintBoard | null>;
  /** The area's numbered evidence notes (n = 1, 2...), as its board's stances cite them. */
  evidence(areaId: string): Promise<PrintEvidence[]>;
  /** The sources with these ids, for the appendix. Unknown ids are left out. */
  sources(ids: readonly string[]): Promise<PrintSource[]>;
}

export const noPrintContent: PrintContentSource = {
  board: async () => null,
  evidence: async () => [],
  sources: async () => [],
};
