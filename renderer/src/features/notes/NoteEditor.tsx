import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { locate, takeReveal, useReveal } from './reveal';

let activeEditor: EditorView | null = null;
let focusWhenReady = false;

/** For the "Focus note editor" command. */
export function focusActiveEditor(): boolean {
  if (!activeEditor) return false;
  activeEditor.focus();
  return true;
}

/** Inserts text at the cursor of the open note editor (a citation); false when no editor is open. */
export function insertIntoActiveEditor(text: string): boolean {
  if (!activeEditor) return false;
  const { from, to } = activeEditor.state.selection.main;
  activeEditor.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, scrollIntoView: true });
  activeEditor.focus();
  return true;
}

/** Focuses the next editor that opens (the note is still loading). */
export function focusEditorWhenReady(): void {
  focusWhenReady = true;
}

const markdownHighlight = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: '700', fontSize: '1.25em' },
  { tag: tags.heading2, fontWeight: '700', fontSize: '1.12em' },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: '700' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: tags.link, color: 'var(--accent)' },
  { tag: tags.url, color: 'var(--text-muted)' },
  { tag: tags.quote, color: 'var(--text-muted)', fontStyle: 'italic' },
  { tag: tags.monospace, fontFamily: 'var(--font-mono)', color: 'var(--code-text)' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: 'var(--text-faint)' },
  { tag: tags.list, color: 'var(--accent)' },
]);

const editorTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '15px', backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-editor)', lineHeight: '1.6', padding: '12px 0' },
  '.cm-content': { padding: '0 20px', caretColor: 'var(--text)', maxWidth: '80ch' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection)' },
  '.cm-placeholder': { color: 'var(--text-faint)' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
});

export interface NoteEditorProps {
  /** A new key starts a fresh editor (another area). */
  readonly docKey: string;
  readonly initial: string;
  readonly onChange: (text: string) => void;
  readonly onBlur: () => void;
  readonly label: string;
}

/** The Markdown editor: CodeMirror 6 with Markdown highlighting, history and search. */
export function NoteEditor({ docKey, initial, onChange, onBlur, label }: NoteEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onChange, onBlur });
  useLayoutEffect(() => {
    callbacks.current = { onChange, onBlur };
  });

  useEffect(() => {
    if (!host.current) return undefined;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial,
        extensions: [
          history(),
          drawSelection(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          EditorView.lineWrapping,
          markdown({ base: markdownLanguage }),
          syntaxHighlighting(markdownHighlight),
          placeholder('Write the briefing note in Markdown: where we stand, their position, our asks, red lines, talking points…'),
          keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
          editorTheme,
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', spellcheck: 'true', tabindex: '0' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
          EditorView.domEventHandlers({
            blur: () => {
              callbacks.current.onBlur();
            },
          }),
        ],
      }),
    });
    activeEditor = view;
    if (focusWhenReady) {
      focusWhenReady = false;
      view.focus();
    }
    // A search result asked to show a place in this note: select it, scroll it to the middle, focus.
    const reveal = () => {
      const request = takeReveal(docKey);
      if (!request) return;
      const { from, to } = locate(view.state.doc.toString(), request);
      view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
      view.focus();
    };
    reveal();
    const offReveal = useReveal.subscribe(reveal);
    return () => {
      offReveal();
      if (activeEditor === view) activeEditor = null;
      view.destroy();
    };
    // The editor is created once per document; later text comes from the editor itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docKey]);

  return <div ref={host} className="note-editor" />;
}
