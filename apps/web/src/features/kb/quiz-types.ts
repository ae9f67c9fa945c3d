/** Training-quiz shapes as the browser receives them (dates are ISO strings). */
export interface OpenQuestion {
  prompt: string;
  options: string[];
}

export interface QuizReviewItem {
  articleId: string;
  title: string;
  category: string | null;
  answer: number;
  chosen: number | null;
  right: boolean;
}

export interface QuizAttempt {
  id: string;
  quizId: string;
  title: string;
  categoryId: string | null;
  startedAt: string;
  finishedAt: string | null;
  correct: number | null;
  total: number;
  score: number | null;
  questions: OpenQuestion[];
  /** Only after submitting. */
  review: QuizReviewItem[] | null;
}

export interface QuizAttemptSummary {
  id: string;
  title: string;
  startedAt: string;
  finishedAt: string | null;
  correct: number | null;
  total: number;
  score: number | null;
}

export interface OperatorQuizResult {
  userId: string;
  name: string;
  username: string;
  attempts: number;
  averageScore: number;
  bestScore: number;
  lastAt: string;
  weakest: { category: string | null; correct: number; total: number; rate: number }[];
}
