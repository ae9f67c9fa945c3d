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

export type AssigneeStatus = 'done' | 'late' | 'open' | 'overdue';

/** A quiz assigned to me. */
export interface MyAssignment {
  id: string;
  title: string;
  dueAt: string;
  total: number;
  status: AssigneeStatus;
  attemptId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  score: number | null;
}

export interface AssignmentSummary {
  id: string;
  quizId: string;
  title: string;
  allAgents: boolean;
  dueAt: string;
  createdAt: string;
  createdBy: string | null;
  total: number;
  assigned: number;
  finished: number;
  overdue: number;
  averageScore: number | null;
}

export interface AssignmentResults extends AssignmentSummary {
  assignees: {
    userId: string;
    name: string;
    username: string;
    status: AssigneeStatus;
    finishedAt: string | null;
    correct: number | null;
    score: number | null;
  }[];
}

export interface Trainee {
  id: string;
  name: string;
  username: string;
}

export interface BuiltQuiz {
  id: string;
  title: string;
  total: number;
  createdAt: string;
}
