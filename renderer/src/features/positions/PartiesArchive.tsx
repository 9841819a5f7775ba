import { useCallback, useEffect, useState } from 'react';
import type { ArchivedStancesView, PartiesView } from '../../../../electron/core/contract/positionsViews';
import { plainExcerpt } from '../../../../electron/core/ops/overview';
import { api, errorMessage } from '../../api/client';
import { useToasts } from '../../shared/ui/toasts';
import { useBook } from '../book/bookState';
import { KindBadge } from './PositionBadges';

/**
 * Parties in book settings, seen from the boards: how many stances each party has (so that
 * removing one with stances asks first), and the archive of removed parties, which can be
 * looked at and restored with every stance they had.
 */
export function usePartyUsage(): { usage: PartiesView | null; reload: () => void } {
  const settings = useBook((s) => s.settings);
  const [usage, setUsage] = useState<PartiesView | null>(null);
  const reload = useCallback(() => {
    api.parties
      .list({})
      .then(setUsage)
      .catch(() => setUsage(null));
  }, []);
  useEffect(() => {
    reload();
  }, [reload, settings]);
  return { usage, reload };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
}

/** Asks before a party with stances is removed; nothing is deleted either way. */
export function PartyRemovalConfirm({
  name,
  stances,
  areas,
  onConfirm,
  onCancel,
}: {
  name: string;
  stances: number;
  areas: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="pos-remove-confirm" role="alertdialog" aria-label={`Remove ${name}?`}>
      <p>
        <strong>{name}</strong> has {plural(stances, 'stance')} in {plural(areas, 'issue area')}. Removing the party moves them to the
        archive when you save; you can restore them from there. Nothing is deleted.
      </p>
      <div className="pos-remove-actions">
        <button type="button" className="btn btn-small btn-danger" onClick={onConfirm} autoFocus>
          Remove and archive its stances
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Keep {name}
        </button>
      </div>
    </div>
  );
}

/** The archive of removed parties, under the party list in book settings. */
export function ArchivedPartiesSection({ usage, onChange }: { usage: PartiesView | null; onChange: () => void }) {
  const [open, setOpen] = useState<ArchivedStancesView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (!usage || usage.archived.length === 0) return null;

  const restore = async (id: string, name: string) => {
    setBusy(id);
    try {
      const settings = await api.parties.restore({ id });
      useBook.setState({ settings });
      useToasts.getState().show({ tone: 'info', message: `Restored ${name} with its stances.` });
      setOpen(null);
      onChange();
    } catch (e) {
      useToasts.getState().show({ tone: 'error', message: `Restoring ${name} failed: ${errorMessage(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const show = async (id: string) => {
    if (open?.partyId === id) {
      setOpen(null);
      return;
    }
    try {
      setOpen(await api.parties.archivedStances({ id }));
    } catch (e) {
      useToasts.getState().show({ tone: 'error', message: errorMessage(e) });
    }
  };

  return (
    <section className="settings-archive" aria-labelledby="archived-parties-heading">
      <h2 id="archived-parties-heading">Archived parties</h2>
      <p className="hint">Parties removed from the book. Their stances are kept; restoring a party brings its column back with them.</p>
      <ul className="pos-archived-list">
        {usage.archived.map((p) => (
          <li key={p.id}>
            <div className="pos-archived-row">
              <span>
                <strong>{p.name}</strong> · {plural(p.stances, 'stance')} in {plural(p.areas, 'issue area')} · archived{' '}
                {new Date(p.archivedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}
              </span>
              <button type="button" className="btn btn-small" aria-expanded={open?.partyId === p.id} onClick={() => void show(p.id)}>
                {open?.partyId === p.id ? 'Hide stances' : 'Show stances'}
              </button>
              <button type="button" className="btn btn-small" disabled={busy === p.id} onClick={() => void restore(p.id, p.name)}>
                Restore {p.name}
              </button>
            </div>
            {open?.partyId === p.id ? (
              open.stances.length === 0 ? (
                <p className="empty-hint">No stances on the boards.</p>
              ) : (
                <ul className="pos-archived-stances" aria-label={`Archived stances of ${p.name}`}>
                  {open.stances.map((s) => (
                    <li key={`${s.areaId}/${s.pointId}`}>
                      <span className="pos-archived-where">
                        {s.areaTitle} › {s.pointTitle}
                      </span>{' '}
                      <KindBadge kind={s.stance.kind} /> {plainExcerpt(s.stance.text, 400)}
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
