import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Input, Row, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { useErrorText } from './common.tsx';
import type { Phrase } from './types.ts';

/** 标准用语: what agents say at each step of a call, grouped by category, searchable, one click to copy. */
export function PhrasesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Phrase[] | null>(null);
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
  return (
    <>
      <PageHeader
        title={t('kb.phrases.title')}
        extra={
          <Input.Search
            allowClear
            placeholder={t('kb.phrases.placeholder')}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 280 }}
            data-testid="phrases-search"
          />
        }
      />
      {rows !== null && rows.length === 0 && <Empty description={t('kb.phrases.none')} />}
      <Row gutter={[16, 16]} data-testid="phrases">
        {[...groups].map(([category, ps]) => (
          <Col key={category} xs={24} lg={12}>
            <Card size="small" title={category}>
              {ps.map((p) => (
                <div key={p.id} style={{ display: 'flex', gap: 8, marginBottom: 10 }}>
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
                </div>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
