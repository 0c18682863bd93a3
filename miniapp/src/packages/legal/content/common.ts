// Shared by the legal pages: the version shown on each (bump it whenever a text changes).
export const LEGAL_VERSION = '2026-11-30';

export interface LegalSection {
  heading: string;
  paragraphs: string[];
}
