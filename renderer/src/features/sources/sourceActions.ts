import type { Selection } from '../../../../electron/core/contract/sourceViews';
import type { Annotation, AnnotationColor } from '../../../../electron/core/sources/model';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useToasts } from '../../shared/ui/toasts';
import { useSources } from './sourcesState';

function fail(what: string, error: unknown): null {
  useToasts.getState().show({ tone: 'error', message: `${what}: ${errorMessage(error)}` });
  return null;
}

export async function createAnnotationAction(
  sourceId: string,
  selection: Selection,
  color: AnnotationColor,
  comment = '',
  areaIds: string[] = [],
): Promise<Annotation | null> {
  try {
    const created = await api.annotations.create({ sourceId, selection, color, comment, areaIds });
    useSources.getState().touch();
    return created;
  } catch (error) {
    return fail('The highlight was not saved', error);
  }
}

export async function updateAnnotationAction(
  sourceId: string,
  id: string,
  patch: { color?: AnnotationColor; comment?: string; areaIds?: string[] },
): Promise<Annotation | null> {
  try {
    const saved = await api.annotations.update({ sourceId, id, patch });
    useSources.getState().touch();
    return saved;
  } catch (error) {
    return fail('The annotation was not saved', error);
  }
}

export async function reattachAnnotationAction(sourceId: string, id: string, selection: Selection): Promise<Annotation | null> {
  try {
    const saved = await api.annotations.reattach({ sourceId, id, selection });
    useSources.getState().touch();
    return saved;
  } catch (error) {
    return fail('The annotation was not re-attached', error);
  }
}

/** Deletes an annotation, saying how many citations now show "source removed", with Undo. */
export async function deleteAnnotationAction(sourceId: string, id: string, onChange: () => void): Promise<void> {
  try {
    const { citations } = await api.annotations.citations({ sourceId, id });
    await api.annotations.delete({ sourceId, id });
    useSources.getState().touch();
    onChange();
    useToasts.getState().show({
      tone: 'info',
      message:
        citations > 0
          ? `Annotation deleted. ${citations} citation${citations === 1 ? '' : 's'} in briefing notes now show "source removed".`
          : 'Annotation deleted.',
      action: {
        label: 'Undo',
        run: () =>
          void api.annotations
            .undelete({ sourceId, id })
            .then(() => {
              useSources.getState().touch();
              onChange();
            })
            .catch((error: unknown) => fail('The annotation was not restored', error)),
      },
    });
  } catch (error) {
    fail('The annotation was not deleted', error);
  }
}

export async function deleteSourceAction(sourceId: string): Promise<void> {
  try {
    const deleted = await api.sources.delete({ id: sourceId });
    useSources.getState().remove(sourceId);
    const nav = useNavigation.getState();
    if (nav.route.view === 'source' && nav.route.sourceId === sourceId) nav.go({ view: 'sources' });
    useToasts.getState().show({
      tone: 'info',
      message: `"${deleted.title}" deleted.`,
      action: {
        label: 'Undo',
        run: () =>
          void api.sources
            .undelete({ id: sourceId })
            .then((restored) => useSources.getState().upsert(restored))
            .catch((error: unknown) => fail('The source was not restored', error)),
      },
    });
  } catch (error) {
    fail('The source was not deleted', error);
  }
}
