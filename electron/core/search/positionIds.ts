/**
 * Keys (after `position:`) of the position documents of search: `<area>/<point>/<party>` for a party's stance on a point,
 * `<area>/<point>/assessment` for the team's assessment of the gap. The provider makes them; the
 * renderer's opener reads them to put the keyboard on that cell of the board.
 */
const ASSESSMENT = 'assessment';

export function positionId(areaId: string, pointId: string, partyId: string | null): string {
  return `${areaId}/${pointId}/${partyId ?? ASSESSMENT}`;
}

export function parsePositionId(id: string): { areaId: string; pointId: string; partyId: string | null } | null {
  const [areaId, pointId, who, ...rest] = id.split('/');
  if (!areaId || !pointId || !who || rest.length > 0) return null;
  return { areaId, pointId, partyId: who === ASSESSMENT ? null : who };
}
