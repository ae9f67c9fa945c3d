/**
 * Operator training (标准化培训): multiple-choice questions built from published articles. Each
 * question asks for the authoritative answer of one article; the wrong options are the answers of
 * other articles, preferring the same category so that the choice needs real knowledge.
 */
export interface QuizSource {
  id: string;
  title: string;
  body: string;
  category: string | null;
}

export interface QuizQuestion {
  articleId: string;
  prompt: string;
  options: string[];
  answer: number;
}

const OPTIONS = 4;
const MAX_OPTION = 80;

/** First sentence (or first line) of the body's text, the article's short answer. */
export function keyAnswer(body: string): string {
  const text = body.replace(/<[^>]*>/g, '').trim();
  const first = text.split(/(?<=[。！？；])|\n+/)[0]?.trim() ?? text;
  return first.length > MAX_OPTION ? `${first.slice(0, MAX_OPTION)}…` : first;
}

/** `random` returns [0, 1); pass a seeded one in tests. */
export function buildQuiz(
  picked: readonly QuizSource[],
  pool: readonly QuizSource[],
  random: () => number = Math.random,
): QuizQuestion[] {
  const questions: QuizQuestion[] = [];
  for (const a of picked) {
    const correct = keyAnswer(a.body);
    const others = pool.filter((p) => p.id !== a.id && keyAnswer(p.body) !== correct);
    const same = shuffle(
      others.filter((p) => p.category === a.category),
      random,
    );
    const rest = shuffle(
      others.filter((p) => p.category !== a.category),
      random,
    );
    const wrong = [...same, ...rest].slice(0, OPTIONS - 1).map((p) => keyAnswer(p.body));
    if (wrong.length === 0) continue;
    const options = shuffle([correct, ...wrong], random);
    questions.push({
      articleId: a.id,
      prompt: `关于“${a.title}”，以下哪项说法正确？`,
      options,
      answer: options.indexOf(correct),
    });
  }
  return questions;
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
