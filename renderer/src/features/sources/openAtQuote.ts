import { useEffect } from 'react';
import { useNavigation } from '../../app/navigation';
import { registerEvidenceOpener } from '../positions/evidenceLinks';

/** Opens an article in the reader, scrolled to one annotation's highlight, which flashes (a fresh `flash` flashes it again). */
export function openAtQuote(ref: { readonly sourceId: string; readonly annotationId: string }): void {
  useNavigation.getState().go({ view: 'source', sourceId: ref.sourceId, annotationId: ref.annotationId, flash: Date.now() });
}

/** While the app is shown, a click on a quote on a positions board opens it in the reader. */
export function useEvidenceOpener(): void {
  useEffect(() => registerEvidenceOpener(openAtQuote), []);
}
