import type { Party } from '../../../../electron/core/model/book';
import { boardToMarkdown, type MarkdownPoint } from '../../../../electron/core/ops/boardMarkdown';
import { useNavigation } from '../../app/navigation';
import { useUi } from '../../app/uiState';
import { useToasts } from '../../shared/ui/toasts';
import { activeAreas, useBook } from '../book/bookState';
import { useAreaTab } from './areaTab';
import { copyText } from './copyText';
import { usePositions } from './positionsState';

/** Focuses the board's active cell once it is drawn. */
function focusBoard(): void {
  let tries = 0;
  const attempt = () => {
    const cell = document.querySelector<HTMLElement>('.pos-grid [role="gridcell"][tabindex="0"]');
    if (cell) cell.focus();
    else if (tries++ < 40) setTimeout(attempt, 25);
  };
  requestAnimationFrame(attempt);
}

/** Shows the open area's positions board (or the first area's), with the keyboard on it. */
export function showPositionsBoard(): void {
  const nav = useNavigation.getState();
  useAreaTab.getState().show('positions');
  if (nav.route.view !== 'area') {
    const first = activeAreas(useBook.getState().areas)[0];
    if (!first) return;
    nav.go({ view: 'area', areaId: first.id });
  }
  focusBoard();
}

/** Copies the open area's board as a Markdown table; the table is shown to copy by hand if the clipboard refuses. */
export function copyOpenBoard(): void {
  const route = useNavigation.getState().route;
  if (route.view !== 'area') {
    useToasts.getState().show({ tone: 'info', message: 'Open an issue area to copy its positions board.', timeoutMs: 3_000 });
    return;
  }
  const { settings, areas } = useBook.getState();
  const board = usePositions.getState().boards[route.areaId];
  if (!settings || board?.status !== 'ready') {
    useAreaTab.getState().show('positions');
    useToasts.getState().show({ tone: 'info', message: 'The board is loading; copy it again in a moment.', timeoutMs: 3_000 });
    return;
  }
  copyBoardMarkdown(board.points, settings.parties, areas.find((a) => a.id === route.areaId)?.title);
}

/** Copies these points as a Markdown table, with the book's rounds for the round names. */
export function copyBoardMarkdown(points: readonly MarkdownPoint[], parties: readonly Party[], title: string | undefined): void {
  const markdown = boardToMarkdown(points, parties, usePositions.getState().rounds?.rounds ?? [], title);
  if (copyText(markdown))
    useToasts.getState().show({ tone: 'info', message: 'Copied the board as a Markdown table. Paste it into a note.', timeoutMs: 4_000 });
  else useUi.getState().open({ kind: 'copyBoard', markdown });
}
