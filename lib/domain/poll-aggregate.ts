import type { PollKind } from './poll-rules';

/**
 * Pure aggregation of poll answers: what the results show. Kept apart from the
 * database so the rules (word normalisation, ranking points, quiz points and
 * ties) are tested on their own.
 */

/** Words that carry no meaning in a word cloud, per language (English and Bahasa Indonesia). */
export const STOP_WORDS: Record<'en' | 'id', ReadonlySet<string>> = {
  en: new Set(
    'a an and are as at be but by for from has have i in is it its of on or our so that the their them they this to was we were will with you your my me very'.split(' '),
  ),
  id: new Set(
    'yang dan di ke dari untuk dengan pada adalah ini itu dalam tidak akan atau juga sudah saya kami kita mereka ada bisa oleh sebagai karena jadi lebih sangat para pun lah kah nya'.split(' '),
  ),
};
const ALL_STOP_WORDS = new Set([...STOP_WORDS.en, ...STOP_WORDS.id]);

/**
 * One word-cloud answer as it is counted: trimmed, inner spaces collapsed,
 * lower-cased (Unicode-aware, NFKC so full-width and composed forms meet),
 * surrounding punctuation dropped, and stop words of either language removed
 * from the edges of a phrase. Returns null when nothing meaningful is left.
 */
export function normaliseWord(raw: string): string | null {
  const words = raw
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length && ALL_STOP_WORDS.has(words[0]!)) words.shift();
  while (words.length && ALL_STOP_WORDS.has(words[words.length - 1]!)) words.pop();
  return words.length ? words.join(' ') : null;
}

export interface WordCount {
  text: string;
  count: number;
}

/** Counts normalised answers; most frequent first, then alphabetically (stable for display and tests). */
export function countWords(answers: Iterable<string>, limit = 60): WordCount[] {
  const counts = new Map<string, number>();
  for (const a of answers) {
    const w = normaliseWord(a);
    if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, limit);
}

/**
 * Ranking polls score by Borda count: with n options, a first place is worth
 * n points, a last place 1; options a person left unranked get nothing.
 * Ties keep the options' own order.
 */
export function rankingScores(optionIds: readonly string[], rankings: Iterable<readonly string[]>): { id: string; score: number; firsts: number }[] {
  const n = optionIds.length;
  const score = new Map(optionIds.map((id) => [id, { score: 0, firsts: 0 }]));
  for (const ranking of rankings) {
    ranking.forEach((id, place) => {
      const s = score.get(id);
      if (!s) return;
      s.score += n - place;
      if (place === 0) s.firsts++;
    });
  }
  return optionIds.map((id) => ({ id, ...score.get(id)! })).sort((a, b) => b.score - a.score || b.firsts - a.firsts || optionIds.indexOf(a.id) - optionIds.indexOf(b.id));
}

/**
 * Points for one quiz answer: nothing when wrong; when right, 500 for being
 * right plus up to 500 for speed, falling linearly over the timer. Without a
 * timer every right answer is worth 1000.
 */
export function quizPoints(correct: boolean, elapsedMs: number, timerSeconds: number | null): number {
  if (!correct) return 0;
  if (!timerSeconds) return 1000;
  const left = Math.max(0, Math.min(1, 1 - elapsedMs / (timerSeconds * 1000)));
  return 500 + Math.round(500 * left);
}

/** An answer is right when it picked exactly the correct options. */
export function quizCorrect(correctIds: readonly string[], chosen: readonly string[]): boolean {
  const want = new Set(correctIds);
  const got = new Set(chosen);
  return want.size === got.size && [...want].every((id) => got.has(id));
}

export interface LeaderboardEntry {
  rank: number;
  name: string | null;
  score: number;
}

/**
 * Competition ranking ("1, 2, 2, 4"): equal scores share a rank, and the
 * earlier answer does not break a tie — it was already worth more points.
 * Names are dropped when the quiz is anonymous.
 */
export function leaderboard(scores: readonly { userId: string; name: string; score: number }[], anonymous: boolean, limit = 10): LeaderboardEntry[] {
  const sorted = [...scores].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  const out: LeaderboardEntry[] = [];
  sorted.forEach((s, i) => {
    const rank = i > 0 && sorted[i - 1]!.score === s.score ? out[i - 1]!.rank : i + 1;
    out.push({ rank, name: anonymous ? null : s.name, score: s.score });
  });
  return out.slice(0, limit);
}

/** The tallies shown for a set of answers; which parts are filled depends on the poll's kind. */
export interface Tally {
  responses: number;
  options: { id: string; count: number }[];
  ratings: number[];
  average: number | null;
  words: WordCount[];
  texts: string[];
  ranking: { id: string; score: number; firsts: number }[];
}

export type AnswerValue = { choices: string[] } | { rating: number } | { text: string } | { ranking: string[] };

/** Tallies answers of one poll (all of them, or one attendance mode's). */
export function tally(poll: { kind: PollKind; options: readonly { id: string }[]; scaleMax: number }, values: readonly AnswerValue[]): Tally {
  const t: Tally = { responses: values.length, options: [], ratings: [], average: null, words: [], texts: [], ranking: [] };
  const ids = poll.options.map((o) => o.id);
  switch (poll.kind) {
    case 'single':
    case 'multiple':
    case 'quiz': {
      const counts = new Map(ids.map((id) => [id, 0]));
      for (const v of values) if ('choices' in v) for (const c of v.choices) if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
      t.options = ids.map((id) => ({ id, count: counts.get(id)! }));
      break;
    }
    case 'rating': {
      t.ratings = Array.from({ length: poll.scaleMax }, () => 0);
      let sum = 0;
      for (const v of values) if ('rating' in v) (t.ratings[v.rating - 1]! += 1), (sum += v.rating);
      t.average = values.length ? Math.round((sum / values.length) * 100) / 100 : null;
      break;
    }
    case 'word_cloud':
      t.words = countWords(values.flatMap((v) => ('text' in v ? [v.text] : [])));
      break;
    case 'open':
      // The newest first; the moderators' export has them all.
      t.texts = values.flatMap((v) => ('text' in v ? [v.text] : [])).slice(-50).reverse();
      break;
    case 'ranking':
      t.ranking = rankingScores(ids, values.flatMap((v) => ('ranking' in v ? [v.ranking] : [])));
      break;
    default: {
      const never: never = poll.kind;
      throw new Error(`unknown poll kind ${String(never)}`);
    }
  }
  return t;
}
