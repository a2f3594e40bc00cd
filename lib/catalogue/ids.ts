/**
 * The one home of the catalogue's ids, the project's spine: records (mappings, sign-offs,
 * decisions) point at criteria and units by these ids, so every file builds and reads them
 * here and nowhere by hand.
 *
 * - unit key: a unit ref with spaces and slashes removed, upper-cased (CU795, L5062150, CS27),
 *   because the documents print one ref in several ways ("CS 27", "L/506/2150").
 * - unit id: `${specId}:${unitKey}`.
 * - criterion id: `${specId}:${unitKey}:${number}`, with `~2`, `~3`... on later copies of a
 *   number a document prints twice in one unit.
 * - qualification id: `${specId}:${number}` (the number keeps its slashes: "601/4027/6").
 *
 * Spec ids and unit keys never hold a colon, so the first colon ends the spec id and the
 * last one starts a criterion's number.
 */
import type { Unit } from './model';

/** The unit key used in ids: the ref with spaces and slashes removed, upper-cased. */
export function unitKey(ref: string): string {
  return ref.replace(/[\s/]+/g, '').toUpperCase();
}

/** The id of a unit in records (mappings, sign-offs): `${specId}:${unitKey}`. */
export function unitIdOf(specId: string, ref: string): string {
  return `${specId}:${unitKey(ref)}`;
}

/** Builds a criterion id from its parts. */
export function criterionId(specId: string, unitRef: string, number: string, copy = 1): string {
  return `${specId}:${unitKey(unitRef)}:${number}${copy > 1 ? `~${copy}` : ''}`;
}

/** The unit id a criterion id belongs to: everything before its last colon. */
export function unitIdOfCriterion(criterionId: string): string {
  return criterionId.slice(0, criterionId.lastIndexOf(':'));
}

/** The spec id of any catalogue id (unit, criterion or qualification): before its first colon. */
export function specIdOf(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(0, i);
}

/** What follows the spec id: a unit id's unit key, a qualification id's number. */
export function localPartOf(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

/** A criterion id's number as it appears in the id (a later copy keeps its `~2`). */
export function criterionNumberOf(criterionId: string): string {
  return criterionId.slice(criterionId.lastIndexOf(':') + 1);
}

/** A criterion id taken apart. */
export interface CriterionIdParts {
  specId: string;
  unitKey: string;
  /** The number without its copy suffix ("2.3"). */
  number: string;
  /** 1 for the first copy of a number, 2 for `~2`, ... */
  copy: number;
}

/** Takes a criterion id apart; undefined when it does not have the three parts. */
export function parseCriterionId(id: string): CriterionIdParts | undefined {
  const first = id.indexOf(':');
  const last = id.lastIndexOf(':');
  if (first <= 0 || last === first) return undefined;
  const tail = id.slice(last + 1);
  const tilde = tail.indexOf('~');
  const copy = tilde < 0 ? 1 : Number(tail.slice(tilde + 1));
  return {
    specId: id.slice(0, first),
    unitKey: id.slice(first + 1, last),
    number: tilde < 0 ? tail : tail.slice(0, tilde),
    copy: Number.isInteger(copy) && copy > 0 ? copy : 1,
  };
}

/** Gives each criterion of a unit its id; a number printed twice gets `~2` on its later copy. */
export function assignCriterionIds(specId: string, unit: Unit): void {
  const copies = new Map<string, number>();
  for (const outcome of unit.outcomes) {
    for (const c of outcome.criteria) {
      const n = (copies.get(c.number) ?? 0) + 1;
      copies.set(c.number, n);
      c.id = criterionId(specId, unit.ref, c.number, n);
    }
  }
}

/** The code people use for a criterion: unit key and number ("CU795 1.7"). */
export function criterionCode(criterionId: string): string {
  const parts = parseCriterionId(criterionId);
  return parts ? `${parts.unitKey} ${criterionNumberOf(criterionId)}` : criterionId;
}
