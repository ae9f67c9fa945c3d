import type { Role } from '@hotline/contracts';

/** Who may use the knowledge base (the web app hides what the API refuses). */
export const KB_ALL: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'];
/** Editors draft and submit (采编; experts in departments write difficult cases). */
export const KB_EDITORS: Role[] = ['admin', 'supervisor', 'department'];
/** Reviewers approve, archive and restore; they also maintain phrases, hot topics and quizzes. */
export const KB_REVIEWERS: Role[] = ['admin', 'supervisor'];
/** Operators take training quizzes (培训测验). */
export const KB_TRAINEES: Role[] = ['agent'];
/** Training results per operator: team leads, quality inspectors, admins. */
export const KB_TRAINERS: Role[] = ['admin', 'supervisor', 'qa'];
