// The benchmark books: areas with generated briefing notes, built with the real services in a folder.
import { testServices } from '../harness/services';

const paragraph =
  'The delegation reviewed the counterpart readout and the ministry statement. Our ask stands: dated, verifiable commitments on licensing, approvals and joint-venture terms, with enforcement. ';

export function noteOfSize(bytes: number, seed: number): string {
  let text = `## Note ${seed}\n\n`;
  while (text.length < bytes) text += `${paragraph}(${seed}-${text.length})\n\n`;
  return text.slice(0, bytes);
}

/** A book of `areas` areas, each with a note of `noteBytes`; returns the areas' ids. */
export async function buildBook(dir: string, areas: number, noteBytes: number): Promise<string[]> {
  const services = testServices(dir);
  await services.boot();
  // Start from an empty book: remove the sample areas.
  for (const area of services.book.state().areas) await services.book.deleteArea(area.id);
  const ids: string[] = [];
  for (let i = 0; i < areas; i += 1) {
    const area = await services.book.createArea({ title: `Issue area ${i + 1}`, summary: 'Generated for the benchmark.' });
    await services.book.saveNote(area.id, noteOfSize(noteBytes, i));
    ids.push(area.id);
  }
  await services.shutdown();
  return ids;
}
