import { isTempName } from '../../electron/services/store/durableWrite';
import type { FsCall } from '../harness/faultyFs';

/**
 * Which faults the fault-injection tests inject, for a save whose healthy run made `ops`.
 *
 * FAULTS=all (npm run test:faults): every operation, with every code, once and then permanently.
 *
 * npm test keeps the run inside CI's budget without leaving a kind of step untested:
 *   - every distinct step is failed: a step is an operation on a kind of file in a folder ("fsync
 *     areas/*.json", "rename snapshots/*.zip"); saves repeat the same step for many files (a restore
 *     writes every area), and the first and the last time each step is taken are both failed, so a
 *     fault with none of those files written and one with all but the last written are both proven;
 *   - each of them with one errno, turning through the codes so that every code is injected in
 *     every save (the services turn every errno into the same outcome), and failing once or from
 *     then on by turns;
 *   - EPERM on every rename failed too, the other way round (it is retried, as Windows virus scanners need).
 */
export const faultCodes = ['ENOSPC', 'EACCES', 'EIO', 'EMFILE', 'EPERM'] as const;
export type FaultCode = (typeof faultCodes)[number];

export interface FaultCase {
  /** 1-based position of the failing operation among the save's operations. */
  readonly n: number;
  readonly code: FaultCode;
  readonly permanent: boolean;
}

export const fullMatrix = process.env['FAULTS'] === 'all';

/** What a save's fault-injection test is called, in either run. */
export const faultTestTitle = fullMatrix
  ? 'every file operation fails in turn with every error code, once and permanently'
  : 'every distinct step fails in turn, turning through the error codes, once or permanently';

/** A path segment that names one item (an id, a date, a digest) rather than a kind of folder. */
const itemSegment = /\d|^(src|ann|s|m|area)-/;

/** The step an operation takes, whatever file it is about: "write areas/*.json". */
export function stepOf(call: FsCall): string {
  const parts = call.path.split('/');
  const name = parts.at(-1) ?? '';
  const folder = parts.at(-2) ?? '';
  const kind = isTempName(name)
    ? 'temp'
    : name.includes('.')
      ? `*${name.slice(name.lastIndexOf('.'))}`
      : itemSegment.test(name)
        ? '*'
        : name;
  return `${call.op} ${itemSegment.test(folder) ? '*' : folder}/${kind}`;
}

/** The positions (1-based) of the first and the last operation of every step. */
export function representativeOps(ops: readonly FsCall[]): number[] {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  ops.forEach((call, index) => {
    const step = stepOf(call);
    if (!first.has(step)) first.set(step, index + 1);
    last.set(step, index + 1);
  });
  return [...new Set([...first.values(), ...last.values()])].sort((a, b) => a - b);
}

const turning: readonly FaultCode[] = ['ENOSPC', 'EIO', 'EACCES', 'EMFILE'];

/** The cases to run for a save that made `ops` on a healthy disk (see above). `codes` narrows the full matrix. */
export function faultCases(ops: readonly FsCall[], codes: readonly FaultCode[] = faultCodes): FaultCase[] {
  if (fullMatrix) {
    return ops.flatMap((call, index) =>
      codes
        .filter((code) => code !== 'EPERM' || call.op === 'rename')
        .flatMap((code) => [false, true].map((permanent) => ({ n: index + 1, code, permanent }))),
    );
  }
  return representativeOps(ops).flatMap((n, k) => {
    const code = turning[k % turning.length] ?? 'ENOSPC';
    // Once and from then on take turns too, starting with from then on.
    const cases: FaultCase[] = [{ n, code, permanent: k % 2 === 0 }];
    if (ops[n - 1]?.op === 'rename') cases.push({ n, code: 'EPERM', permanent: k % 2 !== 0 });
    return cases;
  });
}

/**
 * Runs `run` for every fault case of a save that made `ops` on a healthy disk, one after another; a failing case
 * is named ("operation 3 of 21 (rename areas/x.json) fails with EIO once") in front of what went wrong.
 */
export async function forEachFault(ops: readonly FsCall[], run: (fault: FaultCase) => Promise<void>): Promise<void> {
  for (const fault of faultCases(ops)) {
    const op = ops[fault.n - 1];
    const label = `operation ${fault.n} of ${ops.length} (${op?.op} ${op?.path.split('/').slice(-2).join('/')}) fails with ${fault.code}${fault.permanent ? ' from then on' : ' once'}`;
    try {
      await run(fault);
    } catch (error) {
      throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}
