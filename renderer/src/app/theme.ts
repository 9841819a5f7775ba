import { create } from 'zustand';

/**
 * The colour theme: System (the OS decides, as before), Light or Dark; remembered between runs with the other
 * UI preferences. The stylesheets keep one source of truth: their dark colours stay in
 * `@media (prefers-color-scheme: dark)` blocks, and a chosen theme switches those blocks on ('all') or off
 * ('not all') through the CSS object model, so nothing is written twice. `data-theme` on <html> says which.
 */
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export const themeLabels: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const KEY = 'briefing.theme';
const DARK_QUERY = /prefers-color-scheme\s*:\s*dark/;

function isTheme(value: string | null): value is Theme {
  return value !== null && (themes as readonly string[]).includes(value);
}

function stored(): Theme {
  try {
    const value = window.localStorage.getItem(KEY);
    return isTheme(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Each dark-scheme media rule's own condition, kept when a chosen theme overrides it. */
const original = new WeakMap<CSSMediaRule, string>();

function mediaRules(sheet: CSSStyleSheet): CSSMediaRule[] {
  try {
    return [...sheet.cssRules].filter((r): r is CSSMediaRule => r instanceof CSSMediaRule);
  } catch {
    // A stylesheet of another origin cannot be read (the app loads none).
    return [];
  }
}

/** Puts `theme` in force on the page: the dark-scheme rules on, off, or following the OS. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.dataset['theme'] = theme;
  // Form controls and scroll bars follow too.
  root.style.colorScheme = theme === 'system' ? '' : theme;
  for (const sheet of document.styleSheets) {
    for (const rule of mediaRules(sheet)) {
      const condition = original.get(rule) ?? rule.media.mediaText;
      if (!DARK_QUERY.test(condition)) continue;
      original.set(rule, condition);
      const wanted = theme === 'system' ? condition : theme === 'dark' ? 'all' : 'not all';
      if (rule.media.mediaText !== wanted) rule.media.mediaText = wanted;
    }
  }
}

interface ThemeState {
  theme: Theme;
  set(theme: Theme): void;
  /** System → Light → Dark → System. Returns the new theme. */
  cycle(): Theme;
}

export const useTheme = create<ThemeState>()((set, get) => ({
  theme: stored(),
  set(theme) {
    set({ theme });
    applyTheme(theme);
    try {
      window.localStorage.setItem(KEY, theme);
    } catch {
      // Private or full storage: the choice lasts for this run only.
    }
  },
  cycle() {
    const next = themes[(themes.indexOf(get().theme) + 1) % themes.length] ?? 'system';
    get().set(next);
    return next;
  },
}));

/** Applies the remembered theme now, and again whenever a stylesheet is added to the page. */
export function startTheme(): void {
  applyTheme(useTheme.getState().theme);
  new MutationObserver(() => applyTheme(useTheme.getState().theme)).observe(document.head, { childList: true });
}
