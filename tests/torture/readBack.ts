import type { OpContext, TortureOp } from './ops';
import type { Effect } from './protocol';

/** What a read-back save changes: what to lock while it runs, what it may leave behind if it lands, and its own data. */
export interface ReadBackTarget<T> {
  readonly lock: readonly string[];
  readonly expect: readonly Effect[];
  readonly value: T;
}

/**
 * A save on one thing (an area's board, a part of book.json, a source) that cannot say beforehand what the files will
 * hold: `target` picks it (null: nothing free now), `payload` reads what it needs and says what to send (null: nothing
 * to do now), and `effect` reads it back through the API once the save is acknowledged.
 */
export function readBackOp<T>(
  method: string,
  weight: number,
  target: (ctx: OpContext) => ReadBackTarget<T> | null,
  payload: (ctx: OpContext, value: T) => Promise<unknown>,
  effect: (ctx: OpContext, value: T) => Promise<Effect>,
): TortureOp {
  return {
    method,
    weight,
    exclusive: false,
    plan(ctx) {
      const picked = target(ctx);
      if (!picked) return null;
      return {
        expect: picked.expect,
        targets: picked.lock,
        run: async () => {
          const sent = await payload(ctx, picked.value);
          if (sent !== null) await ctx.call(`bb:${method}`, sent);
          return [await effect(ctx, picked.value)];
        },
      };
    },
  };
}

/** One of `items` at random, or null when there is none. */
export const pick = <T>(ctx: OpContext, items: readonly T[]): T | null => (items.length === 0 ? null : ctx.random.pick(items));
