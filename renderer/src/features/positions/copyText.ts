/**
 * Puts text on the clipboard from a click or a key press. The copy event works in the sandboxed
 * Electron window without the clipboard permission (which the app refuses), and in the browser.
 * Returns false when the browser would not copy; the caller then shows the text to copy by hand.
 */
export function copyText(text: string): boolean {
  let copied = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    copied = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    // execCommand is deprecated but remains the one synchronous copy that needs no permission.
    const run = (document as { execCommand?: (command: string) => boolean }).execCommand;
    if (typeof run === 'function') run.call(document, 'copy');
  } catch {
    copied = false;
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  return copied;
}
