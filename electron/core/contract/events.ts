import { z } from 'zod';
import { commandIds } from '../commands';
import { ExportProgressSchema } from './exportViews';

/** Messages the main process sends to the renderer. The preload forwards exactly these. */
export const eventContract = {
  'menu.command': z.strictObject({ command: z.enum(commandIds) }),
  /** The app is about to quit: save every pending edit, then call app.flushed. */
  'app.flushRequest': z.strictObject({ requestId: z.string() }),
  /** How far a PDF export has come (issue 6). */
  'pdf.progress': ExportProgressSchema,
} as const;

export type EventName = keyof typeof eventContract;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

export const EVENT_PREFIX = 'bb-event:';

export function eventChannel(name: EventName): string {
  return `${EVENT_PREFIX}${name}`;
}

export const eventNames = Object.keys(eventContract) as EventName[];
