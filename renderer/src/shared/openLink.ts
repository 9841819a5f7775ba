import { api, errorMessage } from '../api/client';
import { useToasts } from './ui/toasts';

/** Opens a web link outside the app; the main process asks the user first. */
export function openLink(url: string): void {
  api.app.openExternal({ url }).catch((error: unknown) => {
    useToasts.getState().show({ tone: 'error', message: `The link was not opened: ${errorMessage(error)}` });
  });
}
