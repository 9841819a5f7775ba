import { useId, useState } from 'react';

export interface TagEditorProps {
  readonly tags: readonly string[];
  /**
   * Each change is a function of the latest tags, not a finished list: tags added or removed
   * in quick succession, before `tags` reflects the previous change, must all apply.
   */
  readonly onChange: (update: (current: readonly string[]) => string[]) => void;
  readonly label?: string;
}

/** Tags as removable chips; Enter or comma adds, Backspace in an empty field removes the last. */
export function TagEditor({ tags, onChange, label = 'Tags' }: TagEditorProps) {
  const [text, setText] = useState('');
  const inputId = useId();
  const add = () => {
    const tag = text.replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
    setText('');
    const has = (list: readonly string[]) => list.some((t) => t.toLowerCase() === tag.toLowerCase());
    if (!tag || has(tags)) return;
    onChange((current) => (has(current) ? [...current] : [...current, tag]));
  };
  return (
    <div className="tag-editor">
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <ul className="tag-list" aria-label={label}>
        {tags.map((tag) => (
          <li key={tag} className="tag">
            {tag}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => onChange((current) => current.filter((t) => t !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={inputId}
        className="tag-input"
        value={text}
        placeholder={tags.length ? 'Add tag' : 'Add tags…'}
        maxLength={40}
        onChange={(e) => setText(e.target.value)}
        onBlur={add}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && text === '' && tags.length > 0) {
            onChange((current) => current.slice(0, -1));
          }
        }}
      />
    </div>
  );
}
