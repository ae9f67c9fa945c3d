import type { MessageBundle } from '../../shared/i18n.tsx';
import { en } from './messages-en.ts';
import { filesEn } from './messages-files-en.ts';
import { filesZh } from './messages-files-zh.ts';
import { zh } from './messages-zh.ts';

/** Work-order strings; the metric formulas in Chinese come from the API (METRIC_FORMULAS), so only English has them here. */
export const casesMessages: MessageBundle = { 'zh-CN': { ...zh, ...filesZh }, en: { ...en, ...filesEn } };
