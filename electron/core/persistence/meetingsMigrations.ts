import { emptyBookMeetings } from '../model/meetings';
import type { Migration } from './documents';

/** Version 2 books (positions) had no meetings and no timeline events. */
export const bookV2toV3: Migration = {
  from: 2,
  description: 'Adds the meetings section: no meetings, no timeline events.',
  up: (doc) => ({ ...doc, meetings: emptyBookMeetings() }),
};
