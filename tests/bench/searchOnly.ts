// npm run bench:search [-- --json]: only the search part of `npm run bench` (see searchBench.ts), for working on search.
import { buildBook } from './largeBook';
import { measureSearch } from './searchBench';

const json = process.argv.includes('--json');
const figures = await measureSearch(buildBook, (text) => {
  if (!json) process.stdout.write(text);
});
console.log(JSON.stringify(figures));
