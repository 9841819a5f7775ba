import { useId, useState } from 'react';
import type { BookSettings } from '../../../../electron/core/model/book';
import { errorMessage } from '../../api/client';
import { useToasts } from '../../shared/ui/toasts';
import { useBook } from '../book/bookState';
import { ArchivedPartiesSection, PartyRemovalConfirm, usePartyUsage } from '../positions/PartiesArchive';

interface PartyRow {
  readonly key: string;
  readonly id?: string;
  name: string;
}

let rowSeq = 0;
const rowsOf = (settings: BookSettings): PartyRow[] => settings.parties.map((p) => ({ key: `r${rowSeq++}`, id: p.id, name: p.name }));

/** Book settings: title, classification marking, cover people and the parties (in column order). */
export function SettingsView() {
  const settings = useBook((s) => s.settings);
  const dataDir = useBook((s) => s.dataDir);
  const parties = usePartyUsage();
  if (!settings) return null;
  return (
    <div className="settings">
      <h1>Book settings</h1>
      {/* A new form for every saved version, so the fields start from what is stored. */}
      <SettingsForm key={settings.updatedAt} settings={settings} usage={parties.usage} />
      <ArchivedPartiesSection usage={parties.usage} onChange={parties.reload} />
      <section className="settings-about" aria-labelledby="data-heading">
        <h2 id="data-heading">Where this book is kept</h2>
        <p>
          <code>{dataDir}</code>
        </p>
      </section>
    </div>
  );
}

function SettingsForm({ settings, usage }: { settings: BookSettings; usage: ReturnType<typeof usePartyUsage>['usage'] }) {
  const updateSettings = useBook((s) => s.updateSettings);
  const [title, setTitle] = useState(settings.title);
  const [marking, setMarking] = useState(settings.marking);
  const [preparedFor, setPreparedFor] = useState(settings.preparedFor);
  const [preparedBy, setPreparedBy] = useState(settings.preparedBy);
  const [parties, setParties] = useState<PartyRow[]>(() => rowsOf(settings));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Positions: a party with stances is removed only after the user confirms; its stances are then archived on save.
  const [confirming, setConfirming] = useState<string | null>(null);
  const [archive, setArchive] = useState<string[]>([]);
  const usageOf = (id: string | undefined) => usage?.active.find((p) => p.id === id);
  const ids = { title: useId(), marking: useId(), preparedFor: useId(), preparedBy: useId() };

  const move = (index: number, step: -1 | 1) => {
    const next = [...parties];
    const [row] = next.splice(index, 1);
    if (!row) return;
    next.splice(index + step, 0, row);
    setParties(next);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await updateSettings({
        title,
        marking,
        preparedFor,
        preparedBy,
        parties: parties.map((p) => (p.id ? { id: p.id, name: p.name } : { name: p.name })),
        ...(archive.length > 0 ? { archiveParties: archive } : {}),
      });
      useToasts.getState().show({
        tone: 'info',
        message:
          archive.length > 0 ? 'Book settings saved. The removed parties and their stances are in the archive.' : 'Book settings saved.',
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      // A save that changed nothing keeps this form (same updatedAt), so the button must come back.
      setSaving(false);
    }
  };

  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field">
        <label htmlFor={ids.title}>Title</label>
        <input id={ids.title} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={ids.marking}>Classification marking</label>
        <input
          id={ids.marking}
          value={marking}
          maxLength={120}
          onChange={(e) => setMarking(e.target.value)}
          placeholder="e.g. SENSITIVE — NEGOTIATING TEAM ONLY"
          aria-describedby={`${ids.marking}-hint`}
        />
        <p id={`${ids.marking}-hint`} className="hint">
          Shown at the top of the window and on every printed page.
        </p>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.preparedFor}>Prepared for</label>
          <input id={ids.preparedFor} value={preparedFor} maxLength={200} onChange={(e) => setPreparedFor(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.preparedBy}>Prepared by</label>
          <input id={ids.preparedBy} value={preparedBy} maxLength={200} onChange={(e) => setPreparedBy(e.target.value)} />
        </div>
      </div>
      <fieldset className="parties">
        <legend>Parties</legend>
        <p className="hint">In the order their columns appear. A book needs at least two.</p>
        <ol>
          {parties.map((party, index) => (
            <li key={party.key} className="party-row">
              <input
                aria-label={`Party ${index + 1} name`}
                value={party.name}
                maxLength={80}
                onChange={(e) => setParties(parties.map((p) => (p.key === party.key ? { ...p, name: e.target.value } : p)))}
              />
              <button
                type="button"
                className="btn-icon"
                aria-label={`Move ${party.name || 'party'} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn-icon"
                aria-label={`Move ${party.name || 'party'} down`}
                disabled={index === parties.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn-icon"
                aria-label={`Remove ${party.name || 'party'}`}
                disabled={parties.length <= 2}
                onClick={() => {
                  if ((usageOf(party.id)?.stances ?? 0) > 0) setConfirming(party.key);
                  else setParties(parties.filter((p) => p.key !== party.key));
                }}
              >
                ×
              </button>
              {confirming === party.key ? (
                <PartyRemovalConfirm
                  name={usageOf(party.id)?.name ?? party.name}
                  stances={usageOf(party.id)?.stances ?? 0}
                  areas={usageOf(party.id)?.areas ?? 0}
                  onConfirm={() => {
                    setConfirming(null);
                    if (party.id) setArchive([...archive, party.id]);
                    setParties(parties.filter((p) => p.key !== party.key));
                  }}
                  onCancel={() => setConfirming(null)}
                />
              ) : null}
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="btn"
          onClick={() => setParties([...parties, { key: `r${rowSeq++}`, name: '' }])}
          disabled={parties.length >= 12}
        >
          Add party
        </button>
      </fieldset>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
