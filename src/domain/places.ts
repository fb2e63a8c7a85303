// Where a case is, at the grain the committee counts by: the building (锦绣新村/9幢), not the unit.

/**
 * The building part of a case's place: its first two parts (estate/building), or the place itself when
 * it has fewer. The migration that added Case.building computes the same for older cases.
 */
export function buildingOf(place: string): string {
  const parts = place.split('/')
  return parts.length > 2 ? parts.slice(0, 2).join('/') : place
}
