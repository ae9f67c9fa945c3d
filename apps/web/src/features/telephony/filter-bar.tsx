import { Button, Form, type FormInstance, Space, type TablePaginationConfig } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { useFailure } from './common.tsx';
import { CommonFilters, fieldParams, rangeParams } from './search-filters.tsx';

const PAGE = 20;

/**
 * A paged search over `url` (`{ items, total }`): the current page of rows, and `search`, which
 * turns a filter form's values into the query and goes back to the first page.
 */
export function usePagedSearch<T>(url: string) {
  const { t } = useI18n();
  const fail = useFailure();
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [query, setQuery] = useState('');
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (q: string, p: number) => {
      setLoading(true);
      try {
        const r = await get<{ items: T[]; total: number }>(
          `${url}?${q}${q ? '&' : ''}limit=${PAGE}&offset=${(p - 1) * PAGE}`,
        );
        setRows(r.items);
        setTotal(r.total);
      } catch (e) {
        fail(e);
      } finally {
        setLoading(false);
      }
    },
    [url, fail],
  );
  useEffect(() => {
    void load(query, page);
  }, [load, query, page]);

  const search = (values: Record<string, unknown>) => {
    const q = new URLSearchParams();
    rangeParams(values.dates as never, q);
    fieldParams(values, q);
    setPage(1);
    setQuery(q.toString());
  };
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize: PAGE,
    total,
    onChange: setPage,
    showTotal: (n) => t('tel.total', { n }),
    showSizeChanger: false,
  };
  return { rows, loading, search, pagination };
}

/**
 * The filter bar above a search's table: dates, number and extension, the search's own fields
 * (`children`), then search and reset. Test ids `<testId>-filters`, `<testId>-search`.
 */
export function FilterBar(p: {
  form: FormInstance;
  onSearch: (values: Record<string, unknown>) => void;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Form
      form={p.form}
      layout="inline"
      onFinish={p.onSearch}
      style={{ marginBottom: 16, rowGap: 8 }}
      data-testid={`${p.testId}-filters`}
    >
      <CommonFilters />
      {p.children}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid={`${p.testId}-search`}>
            {t('tel.search')}
          </Button>
          <Button
            onClick={() => {
              p.form.resetFields();
              p.onSearch({});
            }}
          >
            {t('tel.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
