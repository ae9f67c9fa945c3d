import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { formatTime, useErrorText, validValues } from './common.tsx';
import type { Article, HotTopic } from './types.ts';

interface Values {
  title: string;
  summary: string;
  articleId?: string;
  announceText?: string;
  endsAt?: string;
}

const MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** Publish (topic = null) or change a hot topic: summary, linked article, IVR announcement, end time. */
export function HotTopicForm({
  open,
  topic,
  onClose,
  onSaved,
}: {
  open: boolean;
  topic: HotTopic | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [articles, setArticles] = useState<Article[]>([]);
  useEffect(() => {
    if (!open) return;
    get<{ articles: Article[] }>('/api/v1/kb/articles?status=published&limit=500')
      .then((r) => setArticles(r.articles))
      .catch(() => setArticles([]));
  }, [open]);
  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body = {
      title: v.title,
      summary: v.summary,
      articleId: v.articleId ?? null,
      announceText: v.announceText?.trim() || null,
      endsAt: v.endsAt ? new Date(v.endsAt.replace(' ', 'T')).toISOString() : null,
    };
    try {
      if (topic) await api('PUT', `/api/v1/kb/hot-topics/${topic.id}`, body);
      else await post('/api/v1/kb/hot-topics', body);
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Modal
      open={open}
      title={topic ? t('kb.hot.edit') : t('kb.hot.new')}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={620}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        data-testid="hot-topic-form"
        initialValues={
          topic
            ? {
                title: topic.title,
                summary: topic.summary,
                articleId: topic.articleId ?? undefined,
                announceText: topic.announceText ?? '',
                endsAt: formatTime(topic.endsAt),
              }
            : {}
        }
      >
        <Form.Item name="title" label={t('kb.hot.name')} rules={[{ required: true, message: t('kb.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="summary" label={t('kb.hot.summary')} rules={[{ required: true, message: t('kb.required') }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="articleId" label={t('kb.hot.article')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={articles.map((a) => ({ value: a.id, label: a.code ? `${a.code} ${a.title}` : a.title }))}
          />
        </Form.Item>
        <Form.Item name="announceText" label={t('kb.hot.announce')} extra={t('kb.hot.announceHelp')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="endsAt"
          label={t('kb.hot.endsAt')}
          extra={t('kb.hot.endsAtHelp')}
          rules={[{ pattern: MINUTE, message: t('kb.hot.endsAtFormat') }]}
        >
          <Input placeholder="2026-12-31 18:00" style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
