/**
 * Ids of search documents that belong to something else: `<owner>/<item>`, such as an annotation in its
 * source (`annotation:<source>/<annotation>`) or a follow-up in its meeting (`followup:<meeting>/<follow-up>`).
 * Providers make them; the renderer's openers read them to open the owner at the item.
 */
export function pairId(ownerId: string, itemId: string): string {
  return `${ownerId}/${itemId}`;
}

export function parsePairId(id: string): { ownerId: string; itemId: string } | null {
  const [ownerId, itemId, ...rest] = id.split('/');
  if (!ownerId || !itemId || rest.length > 0) return null;
  return { ownerId, itemId };
}

/** The id part of a document key: `source:abc` → `abc`. */
export function idOfKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}
