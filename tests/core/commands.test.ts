import { describe, expect, test } from 'vitest';
import { commandIds, commands, commandSpec, formatAccelerator, matchesAccelerator, type KeyPress } from '../../electron/core/commands';

const none: KeyPress = { key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ ...none, key, ...mods });

/** The key event a browser reports for an accelerator, written out by hand (independent of the code under test). */
function eventFor(accelerator: string, isMac: boolean): KeyPress {
  const keys: Record<string, string> = { Up: 'ArrowUp', Down: 'ArrowDown', PageUp: 'PageUp', PageDown: 'PageDown' };
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const event = { ...none, key: keys[key] ?? key };
  for (const mod of parts) {
    if (mod === 'CmdOrCtrl') Object.assign(event, isMac ? { metaKey: true } : { ctrlKey: true });
    else if (mod === 'Alt') event.altKey = true;
    else if (mod === 'Shift') event.shiftKey = true;
    else throw new Error(`modifier ${mod} not covered by this test`);
  }
  return event;
}

describe('matchesAccelerator', () => {
  test('CmdOrCtrl is Meta on a Mac and Ctrl elsewhere', () => {
    expect(matchesAccelerator('CmdOrCtrl+N', press('n', { metaKey: true }), true)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+N', press('n', { ctrlKey: true }), true)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+N', press('n', { ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+N', press('n', { metaKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CommandOrControl+N', press('N', { ctrlKey: true }), false)).toBe(true);
  });

  test('Ctrl and Cmd mean exactly those keys on every platform', () => {
    expect(matchesAccelerator('Ctrl+N', press('n', { ctrlKey: true }), true)).toBe(true);
    expect(matchesAccelerator('Cmd+N', press('n', { metaKey: true }), false)).toBe(true);
    expect(matchesAccelerator('Cmd+N', press('n', { ctrlKey: true }), false)).toBe(false);
  });

  test('extra or missing modifiers do not match', () => {
    expect(matchesAccelerator('CmdOrCtrl+N', press('n', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+N', press('n', { ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+N', press('n', { ctrlKey: true, metaKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+N', press('n'), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+Shift+H', press('h', { ctrlKey: true }), false)).toBe(false);
    expect(matchesAccelerator('Alt+Shift+Up', press('ArrowUp', { altKey: true }), false)).toBe(false);
  });

  test('letters match in either case, with Shift when the accelerator has it', () => {
    expect(matchesAccelerator('CmdOrCtrl+Shift+H', press('H', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+Shift+H', press('H', { metaKey: true, shiftKey: true }), true)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+Shift+H', press('J', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
  });

  test('PageDown, PageUp and the arrows', () => {
    expect(matchesAccelerator('CmdOrCtrl+PageDown', press('PageDown', { ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+PageDown', press('PageUp', { ctrlKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+PageUp', press('PageUp', { metaKey: true }), true)).toBe(true);
    expect(matchesAccelerator('Alt+Shift+Up', press('ArrowUp', { altKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesAccelerator('Alt+Shift+Down', press('ArrowDown', { altKey: true, shiftKey: true }), true)).toBe(true);
    expect(matchesAccelerator('Alt+Shift+Down', press('ArrowUp', { altKey: true, shiftKey: true }), true)).toBe(false);
    expect(matchesAccelerator('Left', press('ArrowLeft'), false)).toBe(true);
    expect(matchesAccelerator('Esc', press('Escape'), false)).toBe(true);
  });

  test("'/' and ',' as keys", () => {
    expect(matchesAccelerator('CmdOrCtrl+/', press('/', { ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+/', press('/', { metaKey: true }), true)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+/', press('.', { ctrlKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+,', press(',', { ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+,', press('/', { ctrlKey: true }), false)).toBe(false);
  });

  test('punctuation that needs Shift on the layout still matches (German "/" is Shift+7)', () => {
    expect(matchesAccelerator('CmdOrCtrl+/', press('/', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    // Shift that changes the character ("?" on a US layout) is a different key.
    expect(matchesAccelerator('CmdOrCtrl+/', press('?', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    // Letters keep Shift as a real modifier.
    expect(matchesAccelerator('CmdOrCtrl+N', press('N', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+Shift+H', press('h', { ctrlKey: true }), false)).toBe(false);
  });

  test("'+' as a key, written Plus or as a trailing '+'", () => {
    expect(matchesAccelerator('CmdOrCtrl+Plus', press('+', { ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl++', press('+', { ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl++', press('-', { ctrlKey: true }), false)).toBe(false);
  });

  test('an empty accelerator matches nothing', () => {
    expect(matchesAccelerator('', press(''), false)).toBe(false);
  });
});

describe('formatAccelerator', () => {
  test.each([
    ['CmdOrCtrl+N', '⌘N', 'Ctrl+N'],
    ['CmdOrCtrl+Shift+H', '⌘⇧H', 'Ctrl+Shift+H'],
    ['CmdOrCtrl+,', '⌘,', 'Ctrl+,'],
    ['CmdOrCtrl+/', '⌘/', 'Ctrl+/'],
    ['CmdOrCtrl+PageDown', '⌘PgDn', 'Ctrl+PgDn'],
    ['CmdOrCtrl+PageUp', '⌘PgUp', 'Ctrl+PgUp'],
    ['Alt+Shift+Up', '⌥⇧↑', 'Alt+Shift+↑'],
    ['Alt+Shift+Down', '⌥⇧↓', 'Alt+Shift+↓'],
  ])('%s is %s on a Mac and %s elsewhere', (accelerator, mac, other) => {
    expect(formatAccelerator(accelerator, true)).toBe(mac);
    expect(formatAccelerator(accelerator, false)).toBe(other);
  });

  test('every command accelerator formats to something readable on both platforms', () => {
    for (const c of commands) {
      if (c.accelerator === null) continue;
      for (const mac of [true, false]) {
        const text = formatAccelerator(c.accelerator, mac);
        expect(text).not.toMatch(/CmdOrCtrl|PageDown|PageUp/);
        expect(text.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('the command list', () => {
  test('every command id has exactly one spec, and every spec is a known id', () => {
    expect(commands.map((c) => c.id).sort()).toEqual([...commandIds].sort());
    for (const id of commandIds) expect(commandSpec(id).id).toBe(id);
    expect(() => commandSpec('nope' as (typeof commandIds)[number])).toThrow(/unknown command nope/);
  });

  test('labels are unique and non-empty', () => {
    const labels = commands.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label.trim()).not.toBe('');
  });

  test('no two commands share an accelerator', () => {
    const accelerators = commands.flatMap((c) => (c.accelerator === null ? [] : [c.accelerator.toLowerCase()]));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  test.each([true, false])('each shortcut triggers its own command and no other (mac: %s)', (isMac) => {
    for (const c of commands) {
      if (c.accelerator === null) continue;
      const event = eventFor(c.accelerator, isMac);
      const triggered = commands.filter((other) => other.accelerator !== null && matchesAccelerator(other.accelerator, event, isMac));
      expect(triggered.map((t) => t.id)).toEqual([c.id]);
    }
  });
});
