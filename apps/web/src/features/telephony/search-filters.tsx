import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../shared/i18n.tsx';

export type DateRange = [Dayjs | null, Dayjs | null] | null;

/** Query parameters of a date range: the first day's start and the day after the last (browser time zone). */
export function rangeParams(range: DateRange, q: URLSearchParams): void {
  const [a, b] = range ?? [null, null];
  if (a) q.set('from', a.startOf('day').toISOString());
  if (b) q.set('to', b.add(1, 'day').startOf('day').toISOString());
}

/** Adds the non-empty string fields of `values` (except `dates`) to `q`. */
export function fieldParams(values: Record<string, unknown>, q: URLSearchParams): void {
  for (const [k, v] of Object.entries(values)) {
    if (k === 'dates' || v === undefined || v === null || v === '') continue;
    q.set(k, String(v).trim());
  }
}

/** The fields both searches share: dates, number (part of), extension. */
export function CommonFilters() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="dates" label={t('tel.dates')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} />
      </Form.Item>
      <Form.Item
        name="number"
        label={t('tel.number')}
        rules={[{ pattern: /^\+?[0-9*#]{1,32}$/, message: t('tel.numberPlaceholder') }]}
      >
        <Input allowClear placeholder={t('tel.numberPlaceholder')} style={{ width: 210 }} />
      </Form.Item>
      <Form.Item
        name="extension"
        label={t('tel.extension')}
        rules={[{ pattern: /^[0-9]{2,8}$/, message: t('tel.ext.extensionRule') }]}
      >
        <Input allowClear style={{ width: 90 }} />
      </Form.Item>
    </>
  );
}
