import { describe, expect, it } from 'vitest';
import { countWords, leaderboard, normaliseWord, quizCorrect, quizPoints, rankingScores, tally } from '../../lib/domain/poll-aggregate';

describe('word-cloud normalisation', () => {
  it.each([
    ['  Trust  ', 'trust'],
    ['TRUST', 'trust'],
    ['trust!', 'trust'],
    ['Market   access', 'market access'],
    ['market\taccess', 'market access'],
    ['the market', 'market'],
    ['access to the market', 'access to the market'],
    ['yang kepercayaan', 'kepercayaan'],
    ['pasar dan', 'pasar'],
    ['Kepercayaan', 'kepercayaan'],
    ['ＴＲＵＳＴ', 'trust'],
    ['Kooperasi', 'kooperasi'],
    ['İstanbul', 'i̇stanbul'],
    ['the', null],
    ['dan yang', null],
    ['!!!', null],
    ['   ', null],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseWord(raw)).toBe(expected);
  });

  it('counts variants of one word together, most frequent first, then alphabetically', () => {
    expect(countWords(['Trust', 'trust ', 'TRUST!', 'the trust', 'pasar', 'Pasar', 'access', 'dan'])).toEqual([
      { text: 'trust', count: 4 },
      { text: 'pasar', count: 2 },
      { text: 'access', count: 1 },
    ]);
  });

  it('keeps the most frequent words when limited', () => {
    const many = Array.from({ length: 80 }, (_, i) => `word${i}`).concat(['common', 'common']);
    const top = countWords(many, 10);
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual({ text: 'common', count: 2 });
  });
});

describe('ranking scores (Borda)', () => {
  const ids = ['a', 'b', 'c'];
  it('gives n points for a first place down to 1 for the last', () => {
    expect(rankingScores(ids, [['a', 'b', 'c']])).toEqual([
      { id: 'a', score: 3, firsts: 1 },
      { id: 'b', score: 2, firsts: 0 },
      { id: 'c', score: 1, firsts: 0 },
    ]);
  });

  it('sums rankings; equal scores go to the option with more first places, then the option order', () => {
    // a: 3+1 = 4, b: 1+3 = 4, c: 2+2 = 4 → firsts: a 1, b 1, c 0 → a, b (option order), c
    expect(rankingScores(ids, [['a', 'c', 'b'], ['b', 'c', 'a']]).map((r) => [r.id, r.score, r.firsts])).toEqual([
      ['a', 4, 1],
      ['b', 4, 1],
      ['c', 4, 0],
    ]);
  });

  it('ignores unknown ids', () => {
    expect(rankingScores(ids, [['x', 'a']]).find((r) => r.id === 'a')!.score).toBe(2);
  });
});

describe('quiz scoring', () => {
  it.each([
    [false, 0, 30, 0],
    [true, 0, 30, 1000],
    [true, 15_000, 30, 750],
    [true, 30_000, 30, 500],
    [true, 45_000, 30, 500],
    [true, 12_345, null, 1000],
  ] as const)('correct %s after %i ms with a %s s timer → %i', (correct, elapsed, timer, points) => {
    expect(quizPoints(correct, elapsed, timer)).toBe(points);
  });

  it.each([
    [['a'], ['a'], true],
    [['a'], ['b'], false],
    [['a'], ['a', 'b'], false],
    [['a', 'b'], ['b', 'a'], true],
  ])('correct %j, chosen %j → %s', (correct, chosen, expected) => {
    expect(quizCorrect(correct, chosen)).toBe(expected);
  });

  it('ranks ties together (1, 2, 2, 4) and by name within a tie', () => {
    const board = leaderboard(
      [
        { userId: 'u1', name: 'Dewi', score: 800 },
        { userId: 'u2', name: 'Budi', score: 900 },
        { userId: 'u3', name: 'Ani', score: 800 },
        { userId: 'u4', name: 'Citra', score: 100 },
      ],
      false,
    );
    expect(board).toEqual([
      { rank: 1, name: 'Budi', score: 900 },
      { rank: 2, name: 'Ani', score: 800 },
      { rank: 2, name: 'Dewi', score: 800 },
      { rank: 4, name: 'Citra', score: 100 },
    ]);
  });

  it('leaves names out of an anonymous quiz', () => {
    expect(leaderboard([{ userId: 'u1', name: 'Dewi', score: 1 }], true)).toEqual([{ rank: 1, name: null, score: 1 }]);
  });
});

describe('tally', () => {
  const options = [{ id: 'a' }, { id: 'b' }];
  it('counts choices per option', () => {
    const t = tally({ kind: 'multiple', options, scaleMax: 5 }, [{ choices: ['a', 'b'] }, { choices: ['a'] }]);
    expect(t.options).toEqual([
      { id: 'a', count: 2 },
      { id: 'b', count: 1 },
    ]);
    expect(t.responses).toBe(2);
  });
  it('gives a rating distribution and average', () => {
    const t = tally({ kind: 'rating', options: [], scaleMax: 5 }, [{ rating: 5 }, { rating: 4 }, { rating: 4 }]);
    expect(t.ratings).toEqual([0, 0, 0, 2, 1]);
    expect(t.average).toBe(4.33);
  });
  it('makes a word cloud of text answers', () => {
    expect(tally({ kind: 'word_cloud', options: [], scaleMax: 5 }, [{ text: 'Trust' }, { text: 'trust' }]).words).toEqual([{ text: 'trust', count: 2 }]);
  });
});
