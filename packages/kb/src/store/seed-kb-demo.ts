import { newId } from '@hotline/core';
import type { Store } from '@hotline/store';
import { defaultSegmenter } from '../search/segmenter.ts';
import { loadTestArticles } from '../testset/load-test-set.ts';
import { ArticleRepository, kbDb } from './article-repository.ts';

/** Standard phrases (标准用语) operators read out; the demo set. */
export const DEMO_PHRASES: ReadonlyArray<{ category: string; title: string; body: string }> = [
  { category: '开头语', title: '接听', body: '您好，12345政务服务便民热线，工号1001为您服务，请问有什么可以帮您？' },
  { category: '开头语', title: '核实信息', body: '为了便于承办单位联系您，请问您的姓名和联系电话是？' },
  { category: '过程用语', title: '请稍候', body: '请您稍等，我为您查询一下。' },
  {
    category: '过程用语',
    title: '转派说明',
    body: '您反映的问题我们已经记录，将转交相关部门办理，承办单位会在规定时限内答复您。',
  },
  { category: '过程用语', title: '情绪安抚', body: '非常理解您的心情，请您不要着急，我们一定会尽快帮您反映。' },
  { category: '结束语', title: '结束', body: '感谢您的来电，稍后可能会有满意度回访，请您留意，再见。' },
  {
    category: '特殊情况',
    title: '紧急警情',
    body: '您反映的情况需要紧急处置，请您立即拨打110（119、120），我们也会同步通报。',
  },
];

/**
 * Demo knowledge base: the shipped test-set articles (categories, tags), published so that the demo
 * search works, plus standard phrases and two hot topics. Returns article ids by test-set code.
 */
export async function seedKbDemo(store: Store): Promise<Map<string, string>> {
  const db = kbDb(store);
  const repo = new ArticleRepository(store, defaultSegmenter());
  const categories = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const a of loadTestArticles()) {
    let cat = categories.get(a.category);
    if (!cat) {
      cat = newId();
      categories.set(a.category, cat);
      await db
        .insertInto('kb_categories')
        .values({ id: cat, parent_id: null, name: a.category, sort: categories.size })
        .execute();
    }
    const art = await repo.create({
      code: a.id,
      title: a.title,
      body: a.body,
      categoryId: cat,
      tags: [...a.tags, a.category],
    });
    await repo.transition(art.id, 'review');
    await repo.transition(art.id, 'published');
    ids.set(a.id, art.id);
  }
  let sort = 0;
  for (const p of DEMO_PHRASES)
    await db
      .insertInto('kb_phrases')
      .values({ id: newId(), ...p, sort: sort++ })
      .execute();
  await db
    .insertInto('kb_hot_topics')
    .values([
      {
        id: newId(),
        title: '城区计划停水',
        summary: '因管网改造，部分城区本周六8时至20时停水，请提前储水。',
        article_id: ids.get('W001') ?? null,
        announce_text: '因管网改造，部分城区本周六八点至二十点停水，请提前储水。查询停水范围请按1。',
        ends_at: null,
        sort: 0,
      },
      {
        id: newId(),
        title: '居民医保集中缴费',
        summary: '城乡居民医保集中缴费期为9月至12月。',
        article_id: ids.get('S013') ?? null,
        announce_text: null,
        ends_at: null,
        sort: 1,
      },
    ])
    .execute();
  return ids;
}
