import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { registerPending } from './meetingsState';

export interface AutoFieldProps {
  readonly label: string;
  readonly value: string;
  /** Saves the new text; throws (with the message to show) when it is refused. */
  readonly save: (value: string) => Promise<void>;
  readonly multiline?: boolean;
  readonly rows?: number;
  readonly placeholder?: string;
  readonly hint?: string;
  readonly className?: string;
  readonly saveKey: string;
}

const DELAY_MS = 700;

/**
 * A text field that saves itself: after a short pause in typing, when it loses focus and before
 * the app quits. A refused save keeps the text and says why.
 */
export function AutoField({ label, value, save, multiline = false, rows = 4, placeholder, hint, className, saveKey }: AutoFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [status, setStatus] = useState<'saved' | 'editing' | 'saving' | { error: string }>('saved');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(text);
  const saved = useRef(value);
  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  });

  useEffect(() => {
    // A new value from outside (another item, a reload) replaces the text unless the user is typing.
    if (latest.current === saved.current) {
      setText(value);
      latest.current = value;
    }
    saved.current = value;
  }, [value]);

  const flush = async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    registerPending(saveKey, null);
    const next = latest.current;
    if (next === saved.current) {
      setStatus('saved');
      return;
    }
    setStatus('saving');
    try {
      await saveRef.current(next);
      saved.current = next;
      setStatus(latest.current === next ? 'saved' : 'editing');
    } catch (error) {
      setStatus({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (latest.current !== saved.current) void flush();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const onChange = (next: string) => {
    setText(next);
    latest.current = next;
    setStatus('editing');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DELAY_MS);
    registerPending(saveKey, flush);
  };

  const common = {
    id,
    value: text,
    placeholder,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    onBlur: () => void flush(),
    'aria-invalid': typeof status === 'object' ? true : undefined,
  };
  return (
    <div className={['field', 'auto-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        <span className="auto-field-status" aria-live="polite">
          {status === 'saving' ? 'Saving…' : status === 'editing' ? 'Editing…' : typeof status === 'object' ? '' : ''}
        </span>
      </label>
      {multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {typeof status === 'object' ? (
        <p className="field-error" role="alert">
          Not saved: {status.error}
        </p>
      ) : hint ? (
        <p className="hint">{hint}</p>
      ) : null}
    </div>
  );
}
