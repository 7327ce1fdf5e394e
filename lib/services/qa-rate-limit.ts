/**
 * Per-person Q&A limits. They are counted from the changes of the last minute
 * recorded in qa_mutations, under a lock of the person's row, inside the
 * transaction that records the change (the ask and vote batches,
 * qa-ask-batch.ts and qa-vote-batch.ts): the count lives in the database, so
 * every Balai process behind one Redis enforces one limit (a per-process
 * counter let each process allow the full limit), two processes racing for
 * the last slot take turns, and a refused change records nothing.
 */
export const QA_LIMITS = { questionsPerMinute: 5, votesPerMinute: 60 } as const;
