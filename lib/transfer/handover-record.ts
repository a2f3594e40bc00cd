/**
 * What a profile remembers of the hand-over packs it imported: per sending profile, who
 * sent the last one and when it was imported, so the next import's summary can say "since
 * your last import from Sam on 7 December". Kept in the settings store (no schema change).
 */

/** The settings key of the last pack imported from a profile. */
export const HANDOVER_SETTING = (profileId: string) => `handover-from:${profileId}`;

/** The settings key of this profile's own id, written into the packs it makes. */
export const PROFILE_ID_SETTING = 'profile-id';

/** A hand-over pack's import, for the summary. */
export interface HandoverNote {
  /** The sender's name. */
  from: string;
  /** What the pack was for (learners or a plan), in words. */
  label: string;
  importedAt: string;
  /** When the last pack from the same profile was imported, if one was. */
  previous?: string;
}
