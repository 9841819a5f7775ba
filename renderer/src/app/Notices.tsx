import { useBook } from '../features/book/bookState';

/** What happened when the book was opened: files set aside, files from a newer version. */
export function Notices() {
  const notices = useBook((s) => s.notices);
  const dismiss = useBook((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label="Messages about your data">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.severity}`} role={n.severity === 'error' ? 'alert' : 'status'}>
          <div>
            <strong>{n.title}</strong>
            <p>{n.message}</p>
          </div>
          <button type="button" className="btn btn-small" onClick={() => dismiss(n.id)} aria-label={`Dismiss: ${n.title}`}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
