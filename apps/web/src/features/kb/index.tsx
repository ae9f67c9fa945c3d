import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  EditOutlined,
  FireOutlined,
  FormOutlined,
  MessageOutlined,
} from '@ant-design/icons';
import type { FeatureDef } from '../../shared/feature.ts';
import { addMessages } from '../../shared/i18n.tsx';
import { ArticleEditorPage } from './article-editor-page.tsx';
import { ArticlePage } from './article-page.tsx';
import { ArticlesPage } from './articles-page.tsx';
import { KB_ALL, KB_EDITORS, KB_REVIEWERS, KB_TRAINEES, KB_TRAINERS } from './common.tsx';
import { HotTopicsPage } from './hot-topics-page.tsx';
import { KbSearchPage } from './kb-search-page.tsx';
import { kbMessages } from './messages.ts';
import { PhrasesPage } from './phrases-page.tsx';
import { QuizPage } from './quiz-page.tsx';
import { QuizResultsPage } from './quiz-results-page.tsx';
import { ReviewPage } from './review-page.tsx';

addMessages(kbMessages);

/**
 * 知识库: search with suggestions, articles, the (rich-text) editor and review queue, standard phrases,
 * hot topics, training quizzes and their results. Menu orders follow the customer group (94.x), after
 * the admin group (90–93).
 */
export const kbFeature: FeatureDef = {
  key: 'kb',
  pages: [
    {
      path: '/kb/search',
      menuKey: 'menu.kb.search',
      icon: <BookOutlined />,
      roles: KB_ALL,
      component: KbSearchPage,
      group: 'menu.kb',
      order: 95.0,
    },
    {
      path: '/kb/hot-topics',
      menuKey: 'menu.kb.hot',
      icon: <FireOutlined />,
      roles: KB_ALL,
      component: HotTopicsPage,
      group: 'menu.kb',
      order: 95.1,
    },
    {
      path: '/kb/phrases',
      menuKey: 'menu.kb.phrases',
      icon: <MessageOutlined />,
      roles: KB_ALL,
      component: PhrasesPage,
      group: 'menu.kb',
      order: 95.2,
    },
    {
      path: '/kb/manage',
      menuKey: 'menu.kb.manage',
      icon: <EditOutlined />,
      roles: KB_EDITORS,
      component: ArticlesPage,
      group: 'menu.kb',
      order: 95.3,
    },
    {
      path: '/kb/review',
      menuKey: 'menu.kb.review',
      icon: <AuditOutlined />,
      roles: KB_REVIEWERS,
      component: ReviewPage,
      group: 'menu.kb',
      order: 95.4,
    },
    {
      path: '/kb/quiz',
      menuKey: 'menu.kb.quiz',
      icon: <FormOutlined />,
      roles: KB_TRAINEES,
      component: QuizPage,
      group: 'menu.kb',
      order: 95.5,
    },
    {
      path: '/kb/quiz-results',
      menuKey: 'menu.kb.quizResults',
      icon: <BarChartOutlined />,
      roles: KB_TRAINERS,
      component: QuizResultsPage,
      group: 'menu.kb',
      order: 95.6,
    },
    { path: '/kb/articles/:id', roles: KB_ALL, component: ArticlePage },
    { path: '/kb/editor/new', roles: KB_EDITORS, component: ArticleEditorPage },
    { path: '/kb/editor/:id', roles: KB_EDITORS, component: ArticleEditorPage },
  ],
};
