import { CopyOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, del, get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { KB_REVIEWERS, useErrorText, useHasRole, validValues } from './common.tsx';
import type { Phrase } from './types.ts';

/** 标准用语: what agents say at each step of a call, grouped by category, searchable, one click to copy. */
export function PhrasesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Phrase[] | null>(null);
  const canEdit = useHasRole(KB_REVIEWERS);
  const [editing, setEditing] = useState<Phrase | null | undefined>(undefined);
  const [form] = Form.useForm<{ category: string; title: string; body: string }>();
  const load = useCallback(async () => {
    try {
      const qs = q ? `?q=${encodeURIComponent(q)}` : '';
      setRows((await get<{ phrases: Phrase[] }>(`/api/v1/kb/phrases${qs}`)).phrases);
    } catch (e) {
      message.error(errorText(e));
    }
  }, [q, message, errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  const groups = new Map<string, Phrase[]>();
  for (const p of rows ?? []) groups.set(p.category, [...(groups.get(p.category) ?? []), p]);
  const copy = async (p: Phrase) => {
    try {
      await navigator.clipboard.writeText(p.body);
      message.success(t('kb.phrases.copied'));
    } catch {
      message.warning(t('kb.phrases.copyFailed'));
    }
  };
  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      if (editing) await api('PUT', `/api/v1/kb/phrases/${editing.id}`, v);
      else await post('/api/v1/kb/phrases', v);
      message.success(t('common.saved'));
      setEditing(undefined);
      await load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const withdraw = async (p: Phrase) => {
    try {
      await del(`/api/v1/kb/phrases/${p.id}`);
      message.success(t('kb.phrases.withdrawn'));
      await load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const categories = [...new Set((rows ?? []).map((p) => p.category))];
  return (
    <>
      <PageHeader
        title={t('kb.phrases.title')}
        extra={
          <Space>
            {canEdit && (
              <Button
                type="primary"
                onClick={() => {
                  form.resetFields();
                  setEditing(null);
                }}
                data-testid="phrase-new"
              >
                {t('kb.phrases.new')}
              </Button>
            )}
            <Input.Search
              allowClear
              placeholder={t('kb.phrases.placeholder')}
              onSearch={(v) => setQ(v.trim())}
              style={{ width: 280 }}
              data-testid="phrases-search"
            />
          </Space>
        }
      />
      {rows !== null && rows.length === 0 && <Empty description={t('kb.phrases.none')} />}
      <Row gutter={[16, 16]} data-testid="phrases">
        {[...groups].map(([category, ps]) => (
          <Col key={category} xs={24} lg={12}>
            <Card size="small" title={category}>
              {ps.map((p) => (
                <div key={p.id} style={{ display: 'flex', gap: 8, marginBottom: 10 }} data-testid={`phrase-${p.title}`}>
                  <div style={{ flex: 1 }}>
                    <Typography.Text strong>{p.title}</Typography.Text>
                    <div>{p.body}</div>
                  </div>
                  <Button
                    size="small"
                    type="text"
                    icon={<CopyOutlined />}
                    aria-label={t('kb.phrases.copy')}
                    title={t('kb.phrases.copy')}
                    onClick={() => void copy(p)}
                  />
                  {canEdit && (
                    <>
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        title={t('common.edit')}
                        onClick={() => {
                          form.resetFields();
                          setEditing(p);
                        }}
                      />
                      <Popconfirm
                        title={t('kb.phrases.withdrawConfirm')}
                        okText={t('kb.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => void withdraw(p)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('kb.phrases.withdraw')}
                          title={t('kb.phrases.withdraw')}
                        />
                      </Popconfirm>
                    </>
                  )}
                </div>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
      <Modal
        open={editing !== undefined}
        title={editing ? t('kb.phrases.edit') : t('kb.phrases.new')}
        onOk={() => void save()}
        onCancel={() => setEditing(undefined)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          size="small"
          data-testid="phrase-form"
          initialValues={editing ? { category: editing.category, title: editing.title, body: editing.body } : {}}
        >
          <Form.Item
            name="category"
            label={t('kb.phrases.category')}
            rules={[{ required: true, message: t('kb.required') }]}
          >
            <AutoComplete options={categories.map((c) => ({ value: c }))} maxLength={40} />
          </Form.Item>
          <Form.Item name="title" label={t('kb.phrases.name')} rules={[{ required: true, message: t('kb.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="body" label={t('kb.phrases.body')} rules={[{ required: true, message: t('kb.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
