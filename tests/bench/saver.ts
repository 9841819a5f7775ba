// One benchmark book opened in a process of its own, for the save benchmark (bench.ts, `interleavedSaves`): the
// parent asks it for one durable save at a time and it answers with how long the save took. Each book keeps its own
// process, heap and search index, as it would in the app, while the saves of both books are made turn about.
import { performance } from 'node:perf_hooks';
import { testServices } from '../harness/services';
import { noteOfSize } from './largeBook';

type Request = { readonly save: number } | { readonly stop: true };

const [dir, bytesArg, cacheDir] = process.argv.slice(2);
const send = process.send?.bind(process);
if (!dir || !bytesArg || !cacheDir || !send)
  throw new Error('saver.ts is started by bench.ts with a folder, a note size and a cache folder');
const noteBytes = Number(bytesArg);
const services = testServices(dir, { searchCacheDir: cacheDir });
await services.boot();
await services.handlers.book.open({});
// As in the app some seconds after opening: the library read and the search index loaded.
await services.sources.list();
await services.search.whenReady();
const ids = services.book.state().areas.map((a) => a.id);
send({ ready: ids.length });

process.on('message', (request: Request) => {
  void (async () => {
    if ('stop' in request) {
      await services.shutdown();
      send({ stopped: true }, () => process.exit(0));
      return;
    }
    const id = ids[Math.floor(Math.random() * ids.length)] ?? '';
    const text = noteOfSize(noteBytes, request.save) + `\nEdit ${request.save} at ${Date.now()}.`;
    const started = performance.now();
    await services.book.saveNote(id, text);
    const ms = performance.now() - started;
    // Not timed: the search index takes in the change before the next save, as it does in the app when the user
    // pauses and the note autosaves (an autosave waits for a pause in typing; indexing, for a pause in saving).
    await services.search.idle();
    send({ ms });
  })();
});
