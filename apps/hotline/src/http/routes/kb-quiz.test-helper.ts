import type { Store } from '@hotline/store';

/** A quiz attempt's answer key as the server keeps it (what a cheating client would need and must not get). */
export async function quizKeyOf(store: Store, attemptId: string): Promise<number[]> {
  const row = await store.db
    .withTables<{ kb_quiz_attempts: { id: string; questions: unknown } }>()
    .selectFrom('kb_quiz_attempts')
    .select('questions')
    .where('id', '=', attemptId)
    .executeTakeFirstOrThrow();
  const qs = (typeof row.questions === 'string' ? JSON.parse(row.questions) : row.questions) as { answer: number }[];
  return qs.map((q) => q.answer);
}
