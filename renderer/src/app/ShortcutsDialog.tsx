import { commands, formatAccelerator } from '../../../electron/core/commands';
import { platform } from '../api/client';
import { Dialog } from '../shared/ui/Dialog';
import { useUi } from './uiState';

export function ShortcutsDialog() {
  const close = useUi((s) => s.close);
  const isMac = platform() === 'darwin';
  return (
    <Dialog
      title="Keyboard shortcuts"
      width="wide"
      onClose={close}
      actions={
        <button type="button" className="btn btn-primary" onClick={close}>
          Close
        </button>
      }
    >
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Keys</th>
          </tr>
        </thead>
        <tbody>
          {commands
            .filter((c) => c.accelerator)
            .map((c) => (
              <tr key={c.id}>
                <td>{c.label.replace(/…$/, '')}</td>
                <td>
                  <kbd>{formatAccelerator(c.accelerator ?? '', isMac)}</kbd>
                </td>
              </tr>
            ))}
          <tr>
            <td>Move the focused issue area in the list</td>
            <td>
              <kbd>{isMac ? '⌥↑ / ⌥↓' : 'Alt+↑ / Alt+↓'}</kbd>
            </td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
