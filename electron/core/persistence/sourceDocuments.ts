import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../model/common';
import { AnnotationSchema, SourceMetaSchema, sourceLimits } from '../sources/model';
import type { DocumentKind } from './documents';

/**
 * The two files of a source (see docs/decisions/0002-import-and-anchoring.md):
 *   sources/<id>.json            metadata and annotations; rewritten on every change
 *   sources/<id>.snapshot.json   the article body; written once at import, never rewritten
 */
export const SOURCE_FORMAT = 'briefing-book/source';
export const SNAPSHOT_FORMAT = 'briefing-book/snapshot';

export const SourceDocSchema = z.strictObject({
  format: z.literal(SOURCE_FORMAT),
  schemaVersion: z.literal(1),
  source: SourceMetaSchema,
  annotations: z.array(AnnotationSchema).max(20_000),
});
export type SourceDoc = z.infer<typeof SourceDocSchema>;

/** Version of the canonical-text rules (core/sources/canonicalText.ts) the text was made with. */
export const TEXT_RULES_VERSION = 1;

export const SnapshotDocSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  schemaVersion: z.literal(1),
  sourceId: IdSchema,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: TimestampSchema,
  textRules: z.literal(TEXT_RULES_VERSION),
  /** Sanitized article HTML. */
  html: z.string().max(sourceLimits.html),
  /** The canonical text of `html`: what annotation selectors point into. */
  text: z.string().max(sourceLimits.text),
});
export type SnapshotDoc = z.infer<typeof SnapshotDocSchema>;

export const sourceKind: DocumentKind<SourceDoc> = {
  format: SOURCE_FORMAT,
  label: 'source file',
  currentVersion: 1,
  schema: SourceDocSchema,
  migrations: [],
};

export const snapshotKind: DocumentKind<SnapshotDoc> = {
  format: SNAPSHOT_FORMAT,
  label: 'source snapshot file',
  currentVersion: 1,
  schema: SnapshotDocSchema,
  migrations: [],
};
