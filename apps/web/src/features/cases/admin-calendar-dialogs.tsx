import { Alert, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, del } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { type CalendarDay, dayKind } from './admin-calendar-grid.ts';

type Kind = 'holiday' | 'workday';
const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** Override one date (a day off or a make-up working day, with a name), or remove its override. */
export function CalendarDayDialog({
  date,
  listed,
  onClose,
  onSaved,
}: {
  date: string | null;
  listed: CalendarDay | undefined;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('holiday');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!date) return;
    const k = dayKind(date, listed);
    setKind(k === 'weekend' || k.endsWith('Holiday') ? 'workday' : 'holiday');
    setName(listed?.source === 'override' ? (listed.name ?? '') : '');
    setError(null);
  }, [date, listed]);
  if (!date) return null;
  const current = dayKind(date, listed);
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await fn());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const r = await api<{ refreshed: number }>('PUT', `/api/v1/admin/case-calendar/${date}`, {
        kind,
        name: name.trim() || null,
      });
      return t('cases.cal.savedDay', { n: r.refreshed });
    });
  const remove = () =>
    run(async () => {
      const r = await del<{ refreshed: number }>(`/api/v1/admin/case-calendar/${date}`);
      return t('cases.cal.removed', { n: r.refreshed });
    });
  return (
    <Modal
      open
      title={t('cases.cal.dayTitle', { date })}
      onCancel={onClose}
      footer={
        <Space>
          {listed?.source === 'override' && (
            <Button danger onClick={() => void remove()} loading={busy} data-testid="calendar-day-remove">
              {t('cases.cal.remove')}
            </Button>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => void save()} loading={busy} data-testid="calendar-day-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>
        {t('cases.cal.current', {
          what: `${t(`cases.cal.kind.${current}`)}${listed?.name ? ` · ${listed.name}` : ''}`,
        })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('cases.cal.setAs')}>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <Radio value="holiday">{t('cases.cal.asHoliday')}</Radio>
            <Radio value="workday">{t('cases.cal.asWorkday')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('cases.cal.dayName')}>
          <Input
            value={name}
            maxLength={64}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('cases.cal.namePlaceholder')}
            aria-label={t('cases.cal.dayName')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type RangeFields = { from: string; to: string; kind: Kind; name?: string };

/** Override every date of a range (a whole 春节), or clear the overrides in it. */
export function CalendarRangeDialog({
  open,
  year,
  onClose,
  onSaved,
}: {
  open: boolean;
  year: number;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<RangeFields>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({ from: `${year}-01-01`, to: `${year}-01-01`, kind: 'holiday', name: '' });
  }, [open, year, form]);
  const run = async (fn: (v: RangeFields) => Promise<string>) => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onSaved(await fn(v));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async (v) => {
      const r = await api<{ dates: string[]; refreshed: number }>('PUT', '/api/v1/admin/case-calendar/range', {
        from: v.from,
        to: v.to,
        kind: v.kind,
        name: v.name?.trim() || null,
      });
      return t('cases.cal.rangeDone', { n: r.dates.length, m: r.refreshed });
    });
  const clear = () =>
    run(async (v) => {
      const r = await del<{ dates: string[]; refreshed: number }>(
        `/api/v1/admin/case-calendar/range?from=${encodeURIComponent(v.from)}&to=${encodeURIComponent(v.to)}`,
      );
      return t('cases.cal.rangeCleared', { n: r.dates.length, m: r.refreshed });
    });
  return (
    <Modal
      open={open}
      title={t('cases.cal.rangeTitle')}
      onCancel={onClose}
      forceRender
      footer={
        <Space>
          <Button danger onClick={() => void clear()} loading={busy} data-testid="calendar-range-clear">
            {t('cases.cal.rangeClear')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => void save()} loading={busy} data-testid="calendar-range-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Space wrap>
          <Form.Item name="from" label={t('cases.cal.from')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="to" label={t('cases.cal.to')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="kind" label={t('cases.cal.setAs')}>
          <Radio.Group>
            <Radio value="holiday">{t('cases.cal.asHoliday')}</Radio>
            <Radio value="workday">{t('cases.cal.asWorkday')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t('cases.cal.dayName')} rules={[{ max: 64 }]}>
          <Input placeholder={t('cases.cal.namePlaceholder')} />
        </Form.Item>
        <Typography.Text type="secondary">{t('cases.cal.rangeHelp')}</Typography.Text>
      </Form>
    </Modal>
  );
}
