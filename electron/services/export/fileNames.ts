/**
 * A name that is safe as a file name on Windows, macOS and Linux: no path
 * separators, reserved characters or control characters, no trailing dots or
 * spaces, not a reserved device name, at most 100 characters.
 */
export function safeFileName(name: string, fallback: string): string {
  // Control characters and the characters Windows reserves are exactly what this removes.
  // eslint-disable-next-line no-control-regex
  let out = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ');
  out = out
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .replace(/[. ]+$/, '');
  if (!out || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(out)) return fallback;
  return out;
}
