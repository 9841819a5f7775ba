/**
 * npm run audit:security
 *
 * Checks each applicable item of the Electron security checklist
 * (ENGINEERING.md) in the built code (dist/, after `npm run build`) and at
 * run time: the built main process and preload on the Electron stand-in, the
 * built renderer in real Chromium. Prints each check as PASS or FAIL and
 * exits 1 if any fails. `--no-chromium` skips the Chromium checks (and says so).
 */
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';
import { loadBuiltApp, staticAudit, type CheckResult } from './checks';
import { chromiumRuntimeAudit, electronRuntimeAudit } from './runtime';

const out = (line: string) => process.stdout.write(`${line}\n`);
const dist = join(repoRoot, 'dist');
const results: CheckResult[] = [];
try {
  results.push(...staticAudit(await loadBuiltApp(repoRoot, dist)));
  results.push(...(await electronRuntimeAudit(dist)));
  if (process.argv.includes('--no-chromium')) out('(Chromium checks skipped: --no-chromium)');
  else results.push(...(await chromiumRuntimeAudit()));
} catch (error) {
  out(`FAIL  the audit could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

out('Electron security checklist (ENGINEERING.md)');
for (const r of [...results].sort((a, b) => a.item - b.item)) {
  out(`${r.failure === null ? 'PASS' : 'FAIL'}  ${r.item}. ${r.title} [${r.where}]`);
  if (r.failure !== null) out(`        ${r.failure}`);
}
const failed = results.filter((r) => r.failure !== null).length;
out(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
