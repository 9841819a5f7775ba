/**
 * The app's commands: one list that the native menu, the renderer's keyboard
 * shortcuts and (later) the command palette all read. Accelerators use
 * Electron's syntax, so the menu shows exactly the keys the renderer handles.
 */
export const commandIds = [
  'area.new',
  'area.next',
  'area.previous',
  'area.moveUp',
  'area.moveDown',
  'area.archive',
  'area.delete',
  'editor.focus',
  'note.saveNow',
  'view.home',
  'view.settings',
  'view.shortcuts',
  'view.sources',
  'search.open',
  'palette.open',
  // export (issue 6)
  'export.pdf',
  'export.archive',
  'export.import',
  'view.backups',
  // Positions side by side
  'area.positions',
  'positions.copyMarkdown',
  'view.positions',
  'view.rounds',
  // Meetings and the timeline
  'view.meetings',
  'view.timeline',
  // Search and the palette (issue 8)
  'sources.import',
  'view.theme',
] as const;

export type CommandId = (typeof commandIds)[number];

export interface CommandSpec {
  readonly id: CommandId;
  readonly label: string;
  readonly menu: 'file' | 'edit' | 'area' | 'view' | 'help';
  readonly accelerator: string | null;
}

export const commands: readonly CommandSpec[] = [
  { id: 'area.new', label: 'New Issue Area', menu: 'file', accelerator: 'CmdOrCtrl+N' },
  { id: 'note.saveNow', label: 'Save Now', menu: 'file', accelerator: 'CmdOrCtrl+S' },
  { id: 'view.settings', label: 'Book Settings…', menu: 'file', accelerator: 'CmdOrCtrl+,' },
  { id: 'editor.focus', label: 'Focus Note Editor', menu: 'edit', accelerator: 'CmdOrCtrl+E' },
  { id: 'area.next', label: 'Next Issue Area', menu: 'area', accelerator: 'CmdOrCtrl+PageDown' },
  { id: 'area.previous', label: 'Previous Issue Area', menu: 'area', accelerator: 'CmdOrCtrl+PageUp' },
  { id: 'area.moveUp', label: 'Move Issue Area Up', menu: 'area', accelerator: 'Alt+Shift+Up' },
  { id: 'area.moveDown', label: 'Move Issue Area Down', menu: 'area', accelerator: 'Alt+Shift+Down' },
  { id: 'area.archive', label: 'Archive or Restore Issue Area', menu: 'area', accelerator: null },
  { id: 'area.delete', label: 'Delete Issue Area…', menu: 'area', accelerator: null },
  { id: 'view.home', label: 'Book Overview', menu: 'view', accelerator: 'CmdOrCtrl+Shift+H' },
  { id: 'view.sources', label: 'Sources Library', menu: 'view', accelerator: 'CmdOrCtrl+Shift+L' },
  { id: 'view.shortcuts', label: 'Keyboard Shortcuts', menu: 'help', accelerator: 'CmdOrCtrl+/' },
  { id: 'search.open', label: 'Search the Book…', menu: 'edit', accelerator: 'CmdOrCtrl+F' },
  { id: 'palette.open', label: 'Command Palette…', menu: 'view', accelerator: 'CmdOrCtrl+K' },
  // export (issue 6)
  { id: 'export.pdf', label: 'Export Briefing PDF…', menu: 'file', accelerator: 'CmdOrCtrl+P' },
  { id: 'export.archive', label: 'Export Book Archive…', menu: 'file', accelerator: null },
  { id: 'export.import', label: 'Import Book Archive…', menu: 'file', accelerator: null },
  { id: 'view.backups', label: 'Backups and Snapshots', menu: 'file', accelerator: null },
  // Positions side by side
  { id: 'area.positions', label: 'Show Positions Board', menu: 'area', accelerator: 'CmdOrCtrl+Shift+B' },
  { id: 'positions.copyMarkdown', label: 'Copy Board as Markdown', menu: 'area', accelerator: null },
  { id: 'view.positions', label: 'Positions Overview', menu: 'view', accelerator: 'CmdOrCtrl+Shift+O' },
  { id: 'view.rounds', label: 'Negotiation Rounds', menu: 'view', accelerator: null },
  // Meetings and the timeline
  { id: 'view.meetings', label: 'Meetings', menu: 'view', accelerator: 'CmdOrCtrl+Shift+M' },
  { id: 'view.timeline', label: 'Timeline', menu: 'view', accelerator: 'CmdOrCtrl+Shift+T' },
  // Search and the palette (issue 8)
  { id: 'sources.import', label: 'Import Source…', menu: 'file', accelerator: null },
  { id: 'view.theme', label: 'Switch Theme', menu: 'view', accelerator: null },
];

export function commandSpec(id: CommandId): CommandSpec {
  const spec = commands.find((c) => c.id === id);
  if (!spec) throw new Error(`unknown command ${id}`);
  return spec;
}

/** The parts of a keyboard event that shortcuts look at (no DOM types, so the core stays pure). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

const keyAliases: Record<string, string> = {
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
  pagedown: 'pagedown',
  pageup: 'pageup',
  plus: '+',
  esc: 'escape',
};

/** Does this key press trigger the accelerator? `isMac` decides what CmdOrCtrl means. */
export function matchesAccelerator(accelerator: string, press: KeyPress, isMac: boolean): boolean {
  const parts = accelerator.split('+').filter((p) => p.length > 0);
  if (accelerator.endsWith('++')) parts.push('+');
  const keyPart = parts.pop();
  if (!keyPart) return false;
  let ctrl = false;
  let meta = false;
  let alt = false;
  let shift = false;
  for (const mod of parts.map((p) => p.toLowerCase())) {
    if (mod === 'cmdorctrl' || mod === 'commandorcontrol') {
      if (isMac) meta = true;
      else ctrl = true;
    } else if (mod === 'ctrl' || mod === 'control') ctrl = true;
    else if (mod === 'cmd' || mod === 'command' || mod === 'super' || mod === 'meta') meta = true;
    else if (mod === 'alt' || mod === 'option') alt = true;
    else if (mod === 'shift') shift = true;
  }
  if (press.ctrlKey !== ctrl || press.metaKey !== meta || press.altKey !== alt) return false;
  const wanted = keyAliases[keyPart.toLowerCase()] ?? keyPart.toLowerCase();
  const pressed = press.key.toLowerCase();
  // Punctuation: on many layouts the key needs Shift ("/" is Shift+7 on a German keyboard), so an
  // accelerator without Shift also matches when Shift produced exactly that character.
  const punctuation = wanted.length === 1 && !/[a-z0-9]/.test(wanted);
  if (press.shiftKey !== shift && !(punctuation && !shift && pressed === wanted)) return false;
  return pressed === wanted;
}

/** A readable form of an accelerator for the UI: "Ctrl+Shift+H" or "⌘⇧H". */
export function formatAccelerator(accelerator: string, isMac: boolean): string {
  const names: Record<string, [string, string]> = {
    cmdorctrl: ['⌘', 'Ctrl'],
    alt: ['⌥', 'Alt'],
    shift: ['⇧', 'Shift'],
    ctrl: ['⌃', 'Ctrl'],
    up: ['↑', '↑'],
    down: ['↓', '↓'],
    pagedown: ['PgDn', 'PgDn'],
    pageup: ['PgUp', 'PgUp'],
  };
  const parts = accelerator.split('+').map((p) => {
    const name = names[p.toLowerCase()];
    return name ? (isMac ? name[0] : name[1]) : p.length === 1 ? p.toUpperCase() : p;
  });
  return isMac ? parts.join('') : parts.join('+');
}
