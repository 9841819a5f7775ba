import { z } from 'zod';
import { IdSchema } from '../model/common';
import { ArchivedPartySchema, RoundSchema, positionLimits } from '../model/positions';
import type { Migration } from './documents';

/** What book.json keeps for the positions boards: the rounds, the current round and archived parties. */
export const BookPositionsSchema = z.strictObject({
  rounds: z.array(RoundSchema).max(positionLimits.rounds),
  /** The round that new changes are recorded with, unless the user picks another. */
  currentRoundId: IdSchema.nullable(),
  archivedParties: z.array(ArchivedPartySchema).max(100),
});
export type BookPositions = z.infer<typeof BookPositionsSchema>;

export function emptyBookPositions(): BookPositions {
  return { rounds: [], currentRoundId: null, archivedParties: [] };
}

/** Version 1 books (the foundation) had no rounds and had never archived a party. */
export const bookV1toV2: Migration = {
  from: 1,
  description: 'Adds the positions section: no rounds yet, no current round, no archived parties.',
  up: (doc) => ({ ...doc, positions: emptyBookPositions() }),
};

/** Version 1 issue areas (the foundation) had a note and no positions board. */
export const areaV1toV2: Migration = {
  from: 1,
  description: 'Adds an empty positions board to the issue area.',
  up: (doc) => ({ ...doc, board: { points: [] } }),
};
