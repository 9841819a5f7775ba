import { forwardRef, type KeyboardEvent } from 'react';

interface ComboInputProps {
  /** What the field is for, read out by screen readers. */
  readonly label: string;
  readonly placeholder: string;
  /** The id of the list the field moves through. */
  readonly listId: string;
  readonly activeId: string | undefined;
  readonly expanded: boolean;
  readonly value: string;
  readonly type?: 'text' | 'search';
  /** Called with the new text; the owner resets the active option. */
  readonly onText: (text: string) => void;
  readonly onKeyDown: (event: KeyboardEvent) => void;
}

/**
 * The text field of the search box and of the command palette: a combobox whose options are moved
 * through with the keys while the focus stays in it (see useActiveOption). It takes the focus when
 * its dialog opens.
 */
export const ComboInput = forwardRef<HTMLInputElement, ComboInputProps>(function ComboInput(props, ref) {
  return (
    <input
      ref={ref}
      data-autofocus
      type={props.type ?? 'text'}
      className="search-input"
      role="combobox"
      aria-label={props.label}
      aria-expanded={props.expanded}
      aria-controls={props.listId}
      aria-activedescendant={props.activeId}
      aria-autocomplete="list"
      placeholder={props.placeholder}
      value={props.value}
      spellCheck={false}
      onChange={(e) => props.onText(e.target.value)}
      onKeyDown={props.onKeyDown}
    />
  );
});
