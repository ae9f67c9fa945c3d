import { Alert, Button, Card, message, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, get, patch } from '../../shared/api.ts';
import { useAuth } from '../../shared/auth.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { type CategoryEdit, CategoryForm } from './admin-category-form.tsx';
import { type AdminCategory, type CategoryRow, categoryRows, effectiveLimit } from './admin-category-tree.ts';
import { useLabels } from './catalog.tsx';
import { type TimeLimit, URGENCIES, URGENCY_COLOR, type Urgency } from './model.ts';

interface ClockRules {
  rules: { countFromNextDay: boolean; warnShare: number };
  defaults: Record<Urgency, TimeLimit>;
  refreshed: number;
}

/**
 * 诉求分类与时限: the three-level category tree with codes, keywords and the time limits per
 * urgency (own or inherited, as the server resolves them), and the clock rule 自次日起算.
 * Administrators edit; supervisors read.
 */
export function AdminCategoriesPage() {
  const { t, en, duration } = useLabels();
  const { user } = useAuth();
  const canEdit = user?.roles.includes('admin') ?? false;
  const [list, setList] = useState<AdminCategory[] | null>(null);
  const [clock, setClock] = useState<ClockRules | null>(null);
  const [edit, setEdit] = useState<CategoryEdit | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [cats, rules] = await Promise.all([
        get<{ categories: AdminCategory[] }>('/api/v1/admin/case-categories'),
        get<ClockRules>('/api/v1/admin/case-clock-rules'),
      ]);
      setList(cats.categories);
      setClock(rules);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const rows = useMemo(() => categoryRows(list ?? []), [list]);
  const nameOf = (c: AdminCategory) => (en && c.nameEn ? c.nameEn : c.name);
  const limitText = (l: TimeLimit) => t('cases.cat.limitShort', { sign: duration(l.sign), finish: duration(l.finish) });

  const setActive = async (c: AdminCategory, active: boolean) => {
    try {
      await patch(`/api/v1/admin/case-categories/${encodeURIComponent(c.code)}`, { active });
      message.success(t('cases.cat.saved'));
      await load();
    } catch (e) {
      message.error(t('cases.cat.saveFailed', { message: (e as Error).message }));
    }
  };
  const setCountFromNextDay = async (on: boolean) => {
    try {
      const r = await api<ClockRules>('PUT', '/api/v1/admin/case-clock-rules', { countFromNextDay: on });
      setClock(r);
      message.success(t('cases.rules.changed', { n: r.refreshed }));
    } catch (e) {
      message.error(t('cases.cat.saveFailed', { message: (e as Error).message }));
    }
  };

  const limitCell = (c: CategoryRow, u: Urgency) => {
    if (!clock || !list) return null;
    const { limit, from } = effectiveLimit(list, c.code, u, clock.defaults);
    const text = limitText(limit);
    if (from === c.code) return <span data-testid={`limit-${c.code}-${u}`}>{text}</span>;
    const source = from ? list.find((x) => x.code === from) : null;
    return (
      <Tooltip title={t('cases.cat.inheritedFrom', { from: source ? nameOf(source) : t('cases.cat.defaults') })}>
        <Typography.Text type="secondary" data-testid={`limit-${c.code}-${u}`}>
          {text}
        </Typography.Text>
      </Tooltip>
    );
  };

  return (
    <>
      <PageHeader
        title={t('cases.cat.title')}
        extra={
          canEdit && (
            <Button type="primary" onClick={() => setEdit({ mode: 'create', parent: null })} data-testid="cat-add-root">
              {t('cases.cat.addRoot')}
            </Button>
          )
        }
      />
      {!canEdit && <Alert type="info" showIcon title={t('cases.cat.readOnly')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {clock && (
        <Card size="small" title={t('cases.rules.title')} style={{ marginBottom: 12 }} data-testid="clock-rules">
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Switch
                checked={clock.rules.countFromNextDay}
                disabled={!canEdit}
                onChange={(on) => void setCountFromNextDay(on)}
                aria-label={t('cases.rules.countFromNextDay')}
                data-testid="count-from-next-day"
              />
              <Typography.Text strong>{t('cases.rules.countFromNextDay')}</Typography.Text>
              <Tag>{t('cases.rules.warnShare', { n: Math.round(clock.rules.warnShare * 100) })}</Tag>
            </Space>
            <Typography.Text type="secondary">{t('cases.rules.countFromNextDayHelp')}</Typography.Text>
            <Space wrap>
              <Typography.Text>{t('cases.rules.defaults')}:</Typography.Text>
              {URGENCIES.map((u) => (
                <Tag key={u} color={URGENCY_COLOR[u]}>
                  {t(`cases.urgency.${u}`)} {limitText(clock.defaults[u])}
                </Tag>
              ))}
            </Space>
          </Space>
        </Card>
      )}
      {list && (
        <Table<CategoryRow>
          rowKey="code"
          size="small"
          dataSource={rows}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          locale={{ emptyText: t('cases.cat.empty') }}
          rowClassName={(c) => (c.active ? '' : 'category-retired')}
          scroll={{ x: 1050 }}
          columns={[
            {
              title: t('cases.cat.name'),
              width: 240,
              render: (_: unknown, c) => (
                <Space size={4} wrap>
                  <Typography.Text delete={!c.active}>{nameOf(c)}</Typography.Text>
                  {!c.active && <Tag>{t('cases.cat.activeOff')}</Tag>}
                </Space>
              ),
            },
            { title: t('cases.cat.code'), dataIndex: 'code', width: 70 },
            {
              title: t('cases.cat.keywords'),
              width: 120,
              render: (_: unknown, c) => (
                <Typography.Text type="secondary" ellipsis={{ tooltip: c.keywords.join('、') }} style={{ width: 110 }}>
                  {c.keywords.join('、')}
                </Typography.Text>
              ),
            },
            ...URGENCIES.map((u) => ({
              title: <Tag color={URGENCY_COLOR[u]}>{t(`cases.urgency.${u}`)}</Tag>,
              key: u,
              width: 150,
              render: (_: unknown, c: CategoryRow) => limitCell(c, u),
            })),
            ...(canEdit
              ? [
                  {
                    title: t('cases.cat.actions'),
                    key: 'actions',
                    width: 175,
                    fixed: 'right' as const,
                    render: (_: unknown, c: CategoryRow) => (
                      <Space size={0} wrap>
                        <Button
                          type="link"
                          size="small"
                          onClick={() => setEdit({ mode: 'edit', category: c })}
                          data-testid={`cat-edit-${c.code}`}
                        >
                          {t('cases.cat.edit')}
                        </Button>
                        {c.level < 3 && (
                          <Button type="link" size="small" onClick={() => setEdit({ mode: 'create', parent: c })}>
                            {t('cases.cat.addChild')}
                          </Button>
                        )}
                        {c.active ? (
                          <Popconfirm
                            title={t('cases.cat.deactivateConfirm', { name: nameOf(c) })}
                            onConfirm={() => void setActive(c, false)}
                            okText={t('cases.cat.deactivate')}
                            cancelText={t('common.cancel')}
                          >
                            <Button type="link" size="small" danger>
                              {t('cases.cat.deactivate')}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Button type="link" size="small" onClick={() => void setActive(c, true)}>
                            {t('cases.cat.activate')}
                          </Button>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {clock && list && (
        <CategoryForm
          edit={edit}
          list={list}
          defaults={clock.defaults}
          onClose={() => setEdit(null)}
          onSaved={() => {
            setEdit(null);
            message.success(t('cases.cat.saved'));
            void load();
          }}
        />
      )}
    </>
  );
}
