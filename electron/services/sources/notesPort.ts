/** What the sources need from the book: the areas, their notes, and a way to save a note. */
export interface NotesPort {
  /** Live issue areas, in book order. */
  areas(): readonly { readonly id: string; readonly title: string }[];
  /** An area's note; throws not_found for an unknown or deleted area. */
  markdown(areaId: string): string;
  save(areaId: string, markdown: string): Promise<{ readonly revision: number; readonly updatedAt: string }>;
}
