import type { Clock } from '../../electron/core/ops/areas';

/** A clock that moves one second forward every time it is read, so every change gets a distinct timestamp. */
export class TickingClock implements Clock {
  private t: number;
  readonly reads: string[] = [];

  constructor(start = '2019-01-10T09:00:00.000Z') {
    this.t = Date.parse(start);
  }

  now(): string {
    this.t += 1000;
    const stamp = new Date(this.t).toISOString();
    this.reads.push(stamp);
    return stamp;
  }

  /** The last time handed out (null before the first read). */
  get last(): string | null {
    return this.reads[this.reads.length - 1] ?? null;
  }
}

/** A ticking clock that can also jump ahead: for changes further apart than the history's folding window. */
export class JumpClock extends TickingClock {
  private offset = 0;
  jump(ms: number): void {
    this.offset += ms;
  }
  override now(): string {
    return new Date(Date.parse(super.now()) + this.offset).toISOString();
  }
}
