import type { EvidenceRef } from '../../../../electron/core/model/positions';

/**
 * How a click on a quote opens its source at the quote. The Sources feature registers the
 * opener (it owns the reader and its route); until it does, quotes are shown but not clickable.
 */
export type EvidenceOpener = (ref: EvidenceRef) => void;

let opener: EvidenceOpener | null = null;

/** Registers the opener; returns a function that removes it. */
export function registerEvidenceOpener(open: EvidenceOpener): () => void {
  opener = open;
  return () => {
    if (opener === open) opener = null;
  };
}

export function canOpenEvidence(): boolean {
  return opener !== null;
}

export function openEvidence(ref: EvidenceRef): void {
  opener?.({ sourceId: ref.sourceId, annotationId: ref.annotationId });
}
