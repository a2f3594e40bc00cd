/**
 * The review of one imported specification on the options page: the file read (bytes with
 * progress, then the general importer, or a specification JSON file), the draft the user
 * edits, its qualifications (one shown at a time) each with its rules of combination, which stored specification it
 * replaces, and the specification it would save with its diff against that one. Created
 * per file; Cancel simply drops it, so nothing is written before Save.
 */
import { importFile, ImportError, type ImportWarning, type SourceLine } from '../catalogue/import';
import { diffSpecifications, type SpecificationDiff } from '../catalogue/import/diff';
import { locateRows, sourceLinesOf } from '../catalogue/import/locate';
import { allMandatoryRules, matchExisting, proposeSpecId } from '../catalogue/import/review';
import { looksLikeJson, readSpecificationJson } from '../catalogue/import/share';
import type { Rules, Specification } from '../catalogue/model';
import type { SpecificationRecord } from '../db/records';
import { draftQualification, draftUnits, toSpecification, type CellErrors, type DraftQualification, type DraftUnit } from './spec-draft';

/** Reads a file's bytes, reporting the fraction read. */
export function readBytes(file: Blob, onProgress: (f: number) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new ImportError(`the file could not be read (${reader.error?.message ?? 'unknown error'})`));
    reader.readAsArrayBuffer(file);
  });
}

/** What reading a file gives the review. */
export interface ReadSpec {
  fileName: string;
  specification: Specification;
  warnings: ImportWarning[];
  lines: SourceLine[];
  /** True when the file was a specification JSON (its qualification and rules are kept). */
  fromJson: boolean;
}

/** What reading a file is doing, for the progress line. */
export type ReadPhase = 'reading' | 'parsing' | 'placing';

/** Lets the page paint the progress before a long synchronous step. */
const paint = () => new Promise<void>((r) => setTimeout(r, 0));

/** Reads a specification file: JSON exported by Evidence Mapper, or anything the importer reads. */
export async function readSpecificationFile(file: File, onProgress: (f: number, phase: ReadPhase) => void): Promise<ReadSpec> {
  const bytes = await readBytes(file, (f) => onProgress(f * 0.6, 'reading'));
  const name = file.name;
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  if (/\.json$/i.test(name) || looksLikeJson(head)) {
    const specs = readSpecificationJson(new TextDecoder().decode(bytes), name);
    if (!specs.length) throw new ImportError(`${name} holds no specification`);
    const warnings: ImportWarning[] = specs.length > 1 ? [{ line: 1, code: 'several', message: `${name} holds ${specs.length} specifications: the first, ${specs[0].title}, is reviewed here` }] : [];
    onProgress(1, 'placing');
    return { fileName: name, specification: specs[0], warnings, lines: [], fromJson: true };
  }
  onProgress(0.65, 'parsing');
  await paint();
  const result = await importFile(bytes, name);
  onProgress(0.9, 'placing');
  await paint();
  const readerLines = (result as { lines?: SourceLine[] }).lines;
  const lines = sourceLinesOf(bytes, name, readerLines);
  onProgress(1, 'placing');
  return { fileName: name, specification: result.specification, warnings: result.warnings, lines, fromJson: false };
}

/** One review, from a file read to the specification Save writes. */
export class SpecReview {
  // Set once by the constructor (declared with values so the $derived below may name them).
  fileName = '';
  lines: SourceLine[] = [];
  warnings: ImportWarning[] = [];
  source = { id: '', source: '', title: '' };
  existing: SpecificationRecord[] = [];
  /** The stored specification the file looked like a version of, when one did. */
  matched: SpecificationRecord | undefined = undefined;
  units = $state<DraftUnit[]>([]);
  /** Every qualification the specification defines, each with its rules (at least one). */
  qualifications = $state<DraftQualification[]>([]);
  /** The qualification shown in the fields and rules form. */
  qualIndex = $state(0);
  /** The new specification's id (a new version keeps the replaced one's). */
  newId = $state('');
  /** Id of the imported specification this file replaces; '' for a new one. */
  replacesId = $state('');
  /** The unit shown in the editor. */
  unitIndex = $state(0);
  /** The source line shown and marked. */
  line = $state<number | null>(null);
  /** Set once Save was pressed: from then on problems show at their cells. */
  triedSave = $state(false);

  readonly replaces = $derived(this.existing.find((s) => s.id === this.replacesId));
  readonly specId = $derived(this.replaces ? this.replaces.id : this.newId);
  // Snapshots: the draft is deep state (proxies), which structuredClone refuses.
  readonly built = $derived(toSpecification(this.source, $state.snapshot(this.units), $state.snapshot(this.qualifications), this.specId, this.replaces?.qualifications));
  /** The qualification shown. */
  get qualification(): DraftQualification {
    return this.qualifications[Math.min(this.qualIndex, this.qualifications.length - 1)];
  }
  /** The rules of the qualification shown. */
  get rules(): Rules {
    return this.qualification.rules;
  }
  readonly errors: CellErrors = $derived(this.built.errors);
  readonly diff: SpecificationDiff | null = $derived(this.replaces && this.built.spec ? diffSpecifications(this.replaces, this.built.spec) : null);

  /** `existing`: the stored specifications; `takenIds`: every id in the catalogue, built-in ones too. */
  constructor(read: ReadSpec, existing: SpecificationRecord[], takenIds: readonly string[] = existing.map((s) => s.id)) {
    this.fileName = read.fileName;
    this.lines = read.lines;
    this.warnings = read.warnings;
    this.existing = existing.filter((s) => s.origin === 'imported');
    const spec = read.specification;
    this.source = { id: spec.id, source: read.fromJson ? spec.source : read.fileName, title: spec.title };
    this.units = draftUnits(spec, locateRows(spec, read.lines));
    this.matched = (read.fromJson ? this.existing.find((s) => s.id === spec.id) : undefined) ?? matchExisting(spec, this.existing);
    const qs = spec.qualifications.length ? spec.qualifications : (this.matched?.qualifications ?? []);
    this.qualifications = qs.length ? qs.map((q) => draftQualification(q, spec.title)) : [draftQualification(undefined, spec.title, allMandatoryRules(spec))];
    const q = qs[0];
    const taken = [...takenIds];
    this.newId = read.fromJson && !taken.includes(spec.id) ? spec.id : proposeSpecId(spec.title, q?.number ?? '', taken);
    this.replacesId = this.matched?.id ?? '';
  }

  /** Chooses a unit and shows its heading's source line. */
  chooseUnit(i: number): void {
    this.unitIndex = Math.max(0, Math.min(i, this.units.length - 1));
    this.line = this.units[this.unitIndex]?.line ?? null;
  }

  /** Shows qualification `i`. */
  chooseQualification(i: number): void {
    this.qualIndex = Math.max(0, Math.min(i, this.qualifications.length - 1));
  }

  /** Adds a qualification (every unit mandatory until its rules are entered) and shows it. */
  addQualification(): void {
    this.qualifications.push(draftQualification(undefined, '', this.#allMandatory()));
    this.qualIndex = this.qualifications.length - 1;
  }

  /** Removes qualification `i`; the last one stays. */
  removeQualification(i: number): void {
    if (this.qualifications.length < 2) return;
    this.qualifications.splice(i, 1);
    this.qualIndex = Math.min(this.qualIndex > i ? this.qualIndex - 1 : this.qualIndex, this.qualifications.length - 1);
  }

  /** Sets the shown qualification's rules back to every unit mandatory. */
  resetRules(): void {
    this.qualification.rules = this.#allMandatory();
  }

  #allMandatory(): Rules {
    return allMandatoryRules({ id: '', source: '', title: this.qualification.title, qualifications: [], units: this.built.spec?.units ?? this.units.map((u) => ({ ref: u.ref, title: u.title, level: null, credit: Number(u.credit) || 0, glh: null, outcomes: [] })) });
  }

  /** Takes out of every qualification's rules each unit ref the specification no longer has. */
  pruneRules(): void {
    const refs = new Set(this.units.map((u) => u.ref.replace(/[\s/]+/g, '').toUpperCase()));
    const has = (r: string) => refs.has(r.replace(/[\s/]+/g, '').toUpperCase());
    for (const q of this.qualifications) {
      for (const g of q.rules.groups) g.units = g.units.filter(has);
      q.rules.barred = q.rules.barred.filter((b) => has(b.units[0]) && has(b.units[1]));
    }
  }
}
