import { Badge, Button, Card, Tabs } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import type { QueueItem } from './model.ts';
import { QueueTable } from './queue-table.tsx';

const PAGE = 20;
/** Counts on the tabs stop at this many (a work list, not a report). */
const COUNT_CAP = 99;

interface QueuePage {
  items: QueueItem[];
  hasMore: boolean;
}

/** Tabs of work lists served by `endpoint?queue=`; the active queue lives in the URL. */
export function QueuesPage({
  title,
  endpoint,
  queues,
  showParty,
  extra,
}: {
  title: string;
  endpoint: string;
  queues: readonly string[];
  showParty?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const queue = queues.includes(params.get('queue') ?? '') ? params.get('queue')! : queues[0]!;
  const [page, setPage] = useState(0);
  const [data, setData] = useState<QueuePage>({ items: [], hasMore: false });
  const [loading, setLoading] = useState(false);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await get<QueuePage>(`${endpoint}?queue=${queue}&limit=${PAGE}&offset=${page * PAGE}`));
    } finally {
      setLoading(false);
    }
  }, [endpoint, queue, page]);
  const loadCounts = useCallback(async () => {
    const entries = await Promise.all(
      queues
        .filter((q) => q !== 'all')
        .map(async (q) => {
          const r = await get<QueuePage>(`${endpoint}?queue=${q}&limit=${COUNT_CAP}`);
          return [q, r.hasMore ? `${COUNT_CAP}+` : String(r.items.length)] as const;
        }),
    );
    setCounts(Object.fromEntries(entries));
  }, [endpoint, queues]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void loadCounts();
  }, [loadCounts]);
  return (
    <>
      <PageHeader
        title={title}
        extra={
          <>
            {extra}
            <Button
              onClick={() => {
                void load();
                void loadCounts();
              }}
              style={{ marginLeft: 8 }}
            >
              {t('cases.queue.refresh')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={queue}
          onChange={(k) => {
            setPage(0);
            setParams({ queue: k });
          }}
          items={queues.map((q) => ({
            key: q,
            label: (
              <span data-testid={`queue-${q}`}>
                {t(`cases.queue.${q}`)}
                {counts[q] !== undefined && (
                  <Badge
                    count={counts[q]}
                    showZero
                    color={q === 'overdue' && counts[q] !== '0' ? '#cf1322' : '#8c8c8c'}
                    style={{ marginInlineStart: 6 }}
                  />
                )}
              </span>
            ),
          }))}
        />
        <QueueTable
          items={data.items}
          loading={loading}
          page={page}
          hasMore={data.hasMore}
          onPage={setPage}
          {...(showParty ? { showParty } : {})}
        />
      </Card>
    </>
  );
}
