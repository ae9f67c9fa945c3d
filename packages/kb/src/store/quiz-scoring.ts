import { ErrorCode, HotlineError } from '@hotline/core';
import type { QuizQuestion } from './quiz.ts';

/** A question as an attempt keeps it: what was asked, with the key and the article it came from. */
export interface AttemptQuestion extends QuizQuestion {
  title: string;
  category: string | null;
}

/** What the operator sees while taking the quiz: no key, no article to look the answer up in. */
export interface OpenQuestion {
  prompt: string;
  options: string[];
}

export interface AttemptScore {
  correct: number;
  total: number;
  /** Percent, rounded. */
  score: number;
  /** Per question: answered right. */
  right: boolean[];
}

export function openQuestions(questions: readonly AttemptQuestion[]): OpenQuestion[] {
  return questions.map((q) => ({ prompt: q.prompt, options: [...q.options] }));
}

/**
 * Scores answers against the key kept with the attempt (built by `keyAnswer` when the quiz was
 * made). One answer per question: an option index, or null when left blank (counts as wrong).
 */
export function scoreAttempt(
  questions: readonly AttemptQuestion[],
  answers: ReadonlyArray<number | null>,
): AttemptScore {
  if (answers.length !== questions.length) {
    throw new HotlineError(ErrorCode.ValidationFailed, `expected ${questions.length} answers, got ${answers.length}`);
  }
  const right = questions.map((q, i) => {
    const a = answers[i];
    if (a === null || a === undefined) return false;
    if (!Number.isInteger(a) || a < 0 || a >= q.options.length) {
      throw new HotlineError(ErrorCode.ValidationFailed, `answer ${i + 1} is not one of the options`);
    }
    return a === q.answer;
  });
  const correct = right.filter(Boolean).length;
  const total = questions.length;
  return { correct, total, score: total === 0 ? 0 : Math.round((correct / total) * 100), right };
}

/** A finished attempt, as the results summary reads it. */
export interface FinishedAttempt {
  userId: string;
  questions: readonly AttemptQuestion[];
  answers: ReadonlyArray<number | null>;
  score: number;
  finishedAt: Date;
}

export interface CategoryRate {
  category: string | null;
  correct: number;
  total: number;
  /** correct / total, 0..1. */
  rate: number;
}

export interface OperatorResult {
  userId: string;
  attempts: number;
  averageScore: number;
  bestScore: number;
  lastAt: Date;
  /** Up to `WEAKEST` categories with the lowest share of right answers (only those with a mistake). */
  weakest: CategoryRate[];
}

export const WEAKEST = 3;

/** Per operator: attempts, average and best score, and the categories they get wrong most. */
export function summarizeResults(attempts: readonly FinishedAttempt[]): OperatorResult[] {
  const byUser = new Map<string, FinishedAttempt[]>();
  for (const a of attempts) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
  const out: OperatorResult[] = [];
  for (const [userId, list] of byUser) {
    const cats = new Map<string, CategoryRate>();
    for (const a of list) {
      a.questions.forEach((q, i) => {
        const key = q.category ?? '';
        const c = cats.get(key) ?? { category: q.category, correct: 0, total: 0, rate: 0 };
        c.total++;
        if (a.answers[i] === q.answer) c.correct++;
        c.rate = c.correct / c.total;
        cats.set(key, c);
      });
    }
    const weakest = [...cats.values()]
      .filter((c) => c.correct < c.total)
      .sort((x, y) => x.rate - y.rate || y.total - x.total || String(x.category).localeCompare(String(y.category)))
      .slice(0, WEAKEST);
    const scores = list.map((a) => a.score);
    out.push({
      userId,
      attempts: list.length,
      averageScore: Math.round(scores.reduce((s, x) => s + x, 0) / list.length),
      bestScore: Math.max(...scores),
      lastAt: new Date(Math.max(...list.map((a) => a.finishedAt.getTime()))),
      weakest,
    });
  }
  return out.sort((a, b) => a.averageScore - b.averageScore || b.attempts - a.attempts);
}
