import type { AnswerValue } from './poll-aggregate';
import { POLL_WORD_MAX, type PollKind } from './poll-rules';

/** What the answer check needs of a poll. */
export interface PollShape {
  kind: PollKind;
  options: readonly { id: string; correct: boolean }[];
  scaleMax: number;
}

export type AnswerInput = { type: 'choice'; choices: string[] } | { type: 'rating'; rating: number } | { type: 'text'; text: string } | { type: 'ranking'; ranking: string[] };

export type AnswerCheck =
  | { ok: true; value: AnswerValue }
  | { ok: false; key: 'wrongAnswerType' | 'unknownOption' | 'oneChoice' | 'wordTooLong' | 'ratingRange' | 'rankAll'; params?: Record<string, number> };

/**
 * Checks an answer (already shape-checked by the contract) against its poll:
 * the right type for the kind, options of this poll only, one choice for a
 * single-choice poll, a rating on the poll's scale, a short word for a word
 * cloud, and a ranking that names every option once.
 */
export function checkAnswer(poll: PollShape, answer: AnswerInput): AnswerCheck {
  const ids = new Set(poll.options.map((o) => o.id));
  switch (poll.kind) {
    case 'single':
    case 'multiple':
    case 'quiz': {
      if (answer.type !== 'choice') return { ok: false, key: 'wrongAnswerType' };
      const choices = [...new Set(answer.choices)];
      if (!choices.every((c) => ids.has(c))) return { ok: false, key: 'unknownOption' };
      // A quiz has one right answer (its contract says so), answered with one choice like a single-choice poll.
      if (poll.kind !== 'multiple' && choices.length !== 1) return { ok: false, key: 'oneChoice' };
      return { ok: true, value: { choices } };
    }
    case 'rating':
      if (answer.type !== 'rating') return { ok: false, key: 'wrongAnswerType' };
      if (answer.rating < 1 || answer.rating > poll.scaleMax) return { ok: false, key: 'ratingRange', params: { max: poll.scaleMax } };
      return { ok: true, value: { rating: answer.rating } };
    case 'word_cloud':
      if (answer.type !== 'text') return { ok: false, key: 'wrongAnswerType' };
      if (answer.text.length > POLL_WORD_MAX) return { ok: false, key: 'wordTooLong', params: { max: POLL_WORD_MAX } };
      return { ok: true, value: { text: answer.text } };
    case 'open':
      if (answer.type !== 'text') return { ok: false, key: 'wrongAnswerType' };
      return { ok: true, value: { text: answer.text } };
    case 'ranking': {
      if (answer.type !== 'ranking') return { ok: false, key: 'wrongAnswerType' };
      if (!answer.ranking.every((c) => ids.has(c))) return { ok: false, key: 'unknownOption' };
      if (new Set(answer.ranking).size !== answer.ranking.length || answer.ranking.length !== ids.size) return { ok: false, key: 'rankAll' };
      return { ok: true, value: { ranking: answer.ranking } };
    }
    default: {
      const never: never = poll.kind;
      throw new Error(`unknown poll kind ${String(never)}`);
    }
  }
}
