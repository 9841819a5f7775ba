import fc from 'fast-check';
import { importDestinations, pageSizes } from '../../electron/core/contract/exportViews';
import { limits } from '../../electron/core/model/common';
import { pointStatuses, positionLimits, stanceKinds } from '../../electron/core/model/positions';
import { SAMPLE_ROUND_BEIJING, SAMPLE_ROUND_BUENOS_AIRES, samplePoints } from '../../electron/core/sample/samplePositions';
import type { FieldSpec, MethodFuzz } from './apiFuzz';
import { anyId, priorities, text } from './fuzzValues';

/**
 * The API fuzz entries of the export (issue 6) and positions (issue 5) methods.
 * Methods that open a file dialog are answered by the desktop stand-in the
 * fuzz test installs (tests/services/apiFuzz.test.ts): sometimes cancelled,
 * sometimes a place outside the book.
 */
const id = { type: { kind: 'id' }, required: true } as const satisfies FieldSpec;
const optional = (spec: FieldSpec): FieldSpec => ({ type: spec.type, required: false });

/** Job ids: a few that repeat (so open, reveal and cancel sometimes find one), and new ones. */
const jobId = fc.oneof(fc.constantFrom('job-1', 'job-2', 'job-3'), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/));

export const exportFuzz: Record<string, MethodFuzz> = {
  'pdf.export': {
    fields: {
      jobId: id,
      areaIds: { type: { kind: 'list', of: { kind: 'id' }, max: 10_000 }, required: true },
      includeArchived: { type: { kind: 'bool' }, required: true },
      pageSize: { type: { kind: 'enum', values: pageSizes }, required: true },
    },
    valid: fc.record({
      jobId,
      areaIds: fc.option(fc.array(anyId, { minLength: 1, maxLength: 4 })),
      includeArchived: fc.boolean(),
      pageSize: fc.constantFrom(...pageSizes),
    }),
  },
  'pdf.cancel': { fields: { jobId: id }, valid: fc.record({ jobId }) },
  'pdf.open': { fields: { jobId: id }, valid: fc.record({ jobId }) },
  'pdf.reveal': { fields: { jobId: id }, valid: fc.record({ jobId }) },
  'backup.exportArchive': { fields: {}, valid: fc.constant({}) },
  'backup.chooseArchive': { fields: {}, valid: fc.constant({}) },
  'backup.importArchive': {
    fields: { importId: id, destination: { type: { kind: 'enum', values: importDestinations }, required: true } },
    valid: fc.record({ importId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/), destination: fc.constantFrom(...importDestinations) }),
  },
  'backup.openImported': { fields: { importId: id }, valid: fc.record({ importId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/) }) },
  'snapshots.list': { fields: {}, valid: fc.constant({}) },
  'snapshots.create': { fields: {}, valid: fc.constant({}) },
  'snapshots.inspect': { fields: { id }, valid: fc.record({ id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,60}$/) }) },
  'snapshots.restore': { fields: { id }, valid: fc.record({ id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,60}$/) }) },
};

// ---- positions -------------------------------------------------------------

/** An area and one of its points (so that saves often land), or a point of another area, or none. */
const pointRef = fc.oneof(
  fc.constantFrom(...Object.entries(samplePoints).flatMap(([areaId, points]) => points.map((p) => ({ areaId, pointId: p.id })))),
  fc.record({ areaId: anyId, pointId: fc.constantFrom('enf-review', 'tar-march-increase', 'no-such-point') }),
);
const roundId = fc.constantFrom(SAMPLE_ROUND_BUENOS_AIRES, SAMPLE_ROUND_BEIJING, 'no-such-round');
const partyId = fc.constantFrom('united-states', 'china', 'japan');
const day = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const statusField = { type: { kind: 'enum', values: pointStatuses }, required: false } as const satisfies FieldSpec;
const titleField = { type: { kind: 'line', max: positionLimits.pointTitle }, required: true } as const satisfies FieldSpec;
const assessmentField = { type: { kind: 'block', max: positionLimits.assessment }, required: false } as const satisfies FieldSpec;
const recordRound = { type: { kind: 'nullableId' }, required: false } as const satisfies FieldSpec;

const stanceFields = {
  text: { type: { kind: 'block', max: positionLimits.stanceText }, required: true },
  kind: { type: { kind: 'enum', values: stanceKinds }, required: true },
  date: { type: { kind: 'date' }, required: true },
  roundId: { type: { kind: 'nullableId' }, required: true },
  evidence: { type: { kind: 'list', of: { kind: 'id' }, max: positionLimits.evidencePerStance }, required: true },
} as const satisfies Record<string, FieldSpec>;

const roundFields = {
  name: { type: { kind: 'line', max: positionLimits.roundName }, required: true },
  startDate: { type: { kind: 'date' }, required: true },
  endDate: { type: { kind: 'date' }, required: true },
  place: { type: { kind: 'line', max: positionLimits.roundPlace }, required: false },
} as const satisfies Record<string, FieldSpec>;

const roundContent = fc.record(
  { name: text(positionLimits.roundName), startDate: day, endDate: day, place: text(60) },
  { requiredKeys: ['name', 'startDate', 'endDate'] },
);

export const positionsFuzz: Record<string, MethodFuzz> = {
  'positions.board': { fields: { areaId: id }, valid: fc.record({ areaId: anyId }) },
  'positions.addPoint': {
    fields: {
      areaId: id,
      title: titleField,
      status: statusField,
      assessment: assessmentField,
      beforeId: { type: { kind: 'nullableId' }, required: false },
      roundId: recordRound,
    },
    valid: fc
      .tuple(
        pointRef,
        fc.record(
          {
            title: text(positionLimits.pointTitle),
            status: fc.constantFrom(...pointStatuses),
            assessment: text(500),
            roundId: fc.option(roundId),
          },
          { requiredKeys: ['title'] },
        ),
        fc.boolean(),
      )
      .map(([ref, rest, before]) => ({ areaId: ref.areaId, ...rest, ...(before ? { beforeId: ref.pointId } : {}) })),
  },
  'positions.updatePoint': {
    fields: {
      areaId: id,
      pointId: id,
      patch: {
        type: { kind: 'record', fields: { title: optional(titleField), status: statusField, assessment: assessmentField } },
        required: true,
      },
      roundId: recordRound,
    },
    valid: fc
      .tuple(
        pointRef,
        fc.record(
          { title: text(positionLimits.pointTitle), status: fc.constantFrom(...pointStatuses), assessment: text(500) },
          { requiredKeys: [] },
        ),
        fc.option(roundId),
      )
      .map(([ref, patch, round]) => ({ ...ref, patch, ...(round === null ? {} : { roundId: round }) })),
  },
  'positions.setStance': {
    fields: {
      areaId: id,
      pointId: id,
      partyId: id,
      stance: { type: { kind: 'record', fields: stanceFields, nullable: true }, required: true },
      roundId: recordRound,
    },
    valid: fc
      .tuple(
        pointRef,
        partyId,
        fc.option(
          fc.record({
            text: text(2_000),
            kind: fc.constantFrom(...stanceKinds),
            date: fc.option(day),
            roundId: fc.option(roundId),
            evidence: fc.array(fc.record({ sourceId: fc.constantFrom('no-such-source'), annotationId: fc.constantFrom('a-1') }), {
              maxLength: 2,
            }),
          }),
        ),
      )
      .map(([ref, party, stance]) => ({ ...ref, partyId: party, stance })),
  },
  'positions.movePoint': {
    fields: { areaId: id, pointId: id, beforeId: { type: { kind: 'nullableId' }, required: true } },
    valid: fc
      .tuple(pointRef, fc.option(fc.constantFrom(...Object.values(samplePoints).flatMap((points) => points.map((p) => p.id)))))
      .map(([ref, beforeId]) => ({ ...ref, beforeId })),
  },
  'positions.deletePoint': { fields: { areaId: id, pointId: id }, valid: pointRef },
  'positions.restorePoint': { fields: { areaId: id, pointId: id }, valid: pointRef },
  'positions.history': { fields: { areaId: id, pointId: id }, valid: pointRef },
  'positions.changesSince': {
    fields: { roundId: id, areaId: { type: { kind: 'id' }, required: false } },
    valid: fc.record({ roundId, areaId: anyId }, { requiredKeys: ['roundId'] }),
  },
  'positions.overview': {
    fields: {
      statuses: { type: { kind: 'list', of: { kind: 'enum', values: pointStatuses }, max: 10 }, required: false },
      priorities: { type: { kind: 'list', of: { kind: 'enum', values: priorities }, max: 10 }, required: false },
      tags: { type: { kind: 'tags' }, required: false },
      offset: { type: { kind: 'int', min: 0, max: 1_000_000 }, required: false },
      limit: { type: { kind: 'int', min: 1, max: 500 }, required: false },
    },
    valid: fc.record(
      {
        statuses: fc.subarray([...pointStatuses]),
        priorities: fc.subarray(priorities),
        tags: fc.array(text(limits.tag), { maxLength: 4 }),
        offset: fc.integer({ min: 0, max: 1_000_000 }),
        limit: fc.integer({ min: 1, max: 500 }),
      },
      { requiredKeys: [] },
    ),
  },
  'positions.evidenceCandidates': {
    fields: { areaId: id, query: { type: { kind: 'line', max: positionLimits.query }, required: true } },
    valid: fc.record({ areaId: anyId, query: text(positionLimits.query) }),
  },
  'rounds.list': { fields: {}, valid: fc.constant({}) },
  'rounds.create': { fields: roundFields, valid: roundContent },
  'rounds.update': {
    fields: {
      id,
      patch: {
        type: { kind: 'record', fields: { ...roundFields, name: optional(roundFields.name), startDate: optional(roundFields.startDate) } },
        required: true,
      },
    },
    valid: fc.record({
      id: roundId,
      patch: fc.record({ name: text(80), startDate: day, endDate: day, place: text(60) }, { requiredKeys: [] }),
    }),
  },
  'rounds.delete': { fields: { id }, valid: fc.record({ id: roundId }) },
  'rounds.setCurrent': { fields: { id: { type: { kind: 'nullableId' }, required: true } }, valid: fc.record({ id: fc.option(roundId) }) },
  'parties.list': { fields: {}, valid: fc.constant({}) },
  'parties.restore': { fields: { id }, valid: fc.record({ id: partyId }) },
  'parties.archivedStances': { fields: { id }, valid: fc.record({ id: partyId }) },
};
