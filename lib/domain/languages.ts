import { z } from 'zod';

/**
 * Language codes for interpretation and captions: a BCP 47 primary tag,
 * optionally with a region (`en`, `id`, `vi`, `th`, `pt-BR`). Anything else is
 * refused by the contract, so a code never reaches a room, a channel or the
 * transcript unchecked.
 */
export const LanguageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'validation.languageCode');
export type LanguageCode = z.infer<typeof LanguageCodeSchema>;

/** Interpreters who take turns in one language (a booth of two). */
export const MAX_INTERPRETERS_PER_LANGUAGE = 2;
/** Interpretation languages one session offers besides the floor. */
export const MAX_INTERPRETATION_LANGUAGES = 8;

/** The floor is never also an interpretation language; duplicates collapse, order kept. */
export function normaliseLanguages(floor: string, languages: readonly string[]): string[] {
  return [...new Set(languages)].filter((l) => l !== floor);
}

/** How loud the floor plays under an interpretation channel (0–1); the listener chooses. */
export const DEFAULT_FLOOR_LEVEL = 0.2;
