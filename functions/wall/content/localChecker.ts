// Local content check: a word list kept as data (wordlist.json), matched on normalised text.
import wordList from './wordlist.json';
import { normalizeForMatching } from './normalize';
import type { ContentChecker, ContentVerdict } from './types';

interface WordList {
  block: Record<string, string[]>;
  review: Record<string, string[]>;
}

interface CompiledTerm {
  term: string;
  category: string;
}

function compile(groups: Record<string, string[]>): CompiledTerm[] {
  const out: CompiledTerm[] = [];
  for (const [category, terms] of Object.entries(groups)) {
    for (const raw of terms) {
      const term = normalizeForMatching(raw);
      if (term) out.push({ term, category });
    }
  }
  return out;
}

export function createLocalChecker(list: WordList = wordList as WordList): ContentChecker {
  const block = compile(list.block);
  const review = compile(list.review);
  return {
    name: 'local',
    async check({ text }): Promise<ContentVerdict> {
      const normalized = normalizeForMatching(text);
      const blocked = block.find((t) => normalized.includes(t.term));
      if (blocked) return { suggest: 'risky', provider: 'local', label: blocked.category };
      const flagged = review.find((t) => normalized.includes(t.term));
      if (flagged) return { suggest: 'review', provider: 'local', label: flagged.category };
      return { suggest: 'pass', provider: 'local', label: null };
    },
  };
}
