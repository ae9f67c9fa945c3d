import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { DidTarget, DidView, ExtensionView, OutboundRouteView, TrunkView } from '@hotline/contracts';
import { Button, Card, Form, Input, Radio, Select, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { del, get, patch, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { useFailure, usePushNotice } from './common.tsx';
import { CrudModal, type Push, RowActions, useCrudEditor } from './crud-table-page.tsx';

const API = '/api/v1/admin/telephony';

function validRegExp(p: string): boolean {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}

/** 号码路由: access numbers (DID → IVR flow, extension or ring group; recorded or not) and outbound routes in order. */
export function RoutingPage() {
  const { t } = useI18n();
  const notice = usePushNotice();
  const fail = useFailure();
  const [dids, setDids] = useState<DidView[]>([]);
  const [routes, setRoutes] = useState<OutboundRouteView[]>([]);
  const [extensions, setExtensions] = useState<ExtensionView[]>([]);
  const [trunks, setTrunks] = useState<TrunkView[]>([]);

  const load = useCallback(async () => {
    const [d, r, e, tr] = await Promise.all([
      get<{ dids: DidView[] }>(`${API}/dids`),
      get<{ routes: OutboundRouteView[] }>(`${API}/outbound-routes`),
      get<{ extensions: ExtensionView[] }>(`${API}/extensions`),
      get<{ trunks: TrunkView[] }>(`${API}/trunks`),
    ]);
    setDids(d.dids);
    setRoutes(r.routes);
    setExtensions(e.extensions);
    setTrunks(tr.trunks);
  }, []);
  useEffect(() => {
    load().catch(fail);
  }, [load, fail]);

  const did = useCrudEditor<DidView>({
    reload: load,
    initial: (d) =>
      d === 'new'
        ? { type: 'control', flow: 'main', record: true }
        : {
            did: d.did,
            record: d.record,
            type: d.target.type,
            flow: d.target.type === 'control' ? d.target.flow : 'main',
            extension: d.target.type === 'extension' ? d.target.extension : undefined,
            extensions: d.target.type === 'group' ? d.target.extensions : [],
          },
  });
  const route = useCrudEditor<OutboundRouteView>({
    reload: load,
    initial: (r) => (r === 'new' ? undefined : { pattern: r.pattern, trunkId: r.trunkId }),
  });
  const targetType = Form.useWatch(['type'], did.form) as DidTarget['type'] | undefined;

  const targetText = (tg: DidTarget) =>
    tg.type === 'control'
      ? `${t('tel.did.target.control')}: ${tg.flow}`
      : tg.type === 'extension'
        ? `${t('tel.did.target.extension')} ${tg.extension}`
        : `${t('tel.did.target.group')}: ${tg.extensions.join('、')}`;

  const saveDid = () =>
    did.save((v, editing) => {
      const target =
        v.type === 'control'
          ? { type: 'control', flow: v.flow }
          : v.type === 'extension'
            ? { type: 'extension', extension: v.extension }
            : { type: 'group', extensions: v.extensions };
      return editing === 'new'
        ? post<Push>(`${API}/dids`, { did: v.did, target, record: v.record })
        : patch<Push>(`${API}/dids/${editing.did}`, { target, record: v.record });
    });
  const saveRoute = () =>
    route.save((v, editing) => {
      const body = { pattern: v.pattern, trunkId: v.trunkId };
      return editing === 'new'
        ? post<Push>(`${API}/outbound-routes`, body)
        : patch<Push>(`${API}/outbound-routes/${editing.id}`, body);
    });
  /** Moves a route one place: every route whose place changed gets its new index as position. */
  const move = async (i: number, by: -1 | 1) => {
    const order = [...routes];
    const [a] = order.splice(i, 1);
    if (!a) return;
    order.splice(i + by, 0, a);
    try {
      let last: Push | null = null;
      for (const [pos, r] of order.entries()) {
        if (r.position !== pos) last = await patch<Push>(`${API}/outbound-routes/${r.id}`, { position: pos });
      }
      if (last) notice(last);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const extOptions = extensions.map((e) => ({ value: e.extension, label: `${e.extension} ${e.displayName}` }));

  return (
    <>
      <PageHeader title={t('menu.telephony.routing')} />
      <Card
        title={t('tel.did.title')}
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          <Button type="primary" size="small" onClick={() => did.open('new')} data-testid="did-new">
            {t('tel.did.new')}
          </Button>
        }
      >
        <Table<DidView>
          rowKey="did"
          size="small"
          dataSource={dids}
          pagination={false}
          columns={[
            { title: t('tel.did.did'), dataIndex: 'did', width: 140 },
            { title: t('tel.did.target'), dataIndex: 'target', render: (tg: DidTarget) => targetText(tg) },
            {
              title: t('tel.did.record'),
              dataIndex: 'record',
              width: 80,
              render: (r: boolean) => (r ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
            },
            {
              title: t('common.actions'),
              width: 150,
              render: (_: unknown, d) => (
                <RowActions
                  name={d.did}
                  onEdit={() => did.open(d)}
                  onDelete={() => void did.run(del<Push>(`${API}/dids/${d.did}`))}
                  testIds={{ prefix: 'did', key: d.did }}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card
        title={t('tel.route.title')}
        size="small"
        extra={
          <Button type="primary" size="small" onClick={() => route.open('new')} data-testid="route-new">
            {t('tel.route.new')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('tel.route.hint')}</Typography.Paragraph>
        <Table<OutboundRouteView>
          rowKey="id"
          size="small"
          dataSource={routes}
          pagination={false}
          columns={[
            { title: t('tel.route.order'), width: 70, render: (_: unknown, _r, i) => i + 1 },
            {
              title: t('tel.route.pattern'),
              dataIndex: 'pattern',
              render: (p: string) => <Typography.Text code>{p}</Typography.Text>,
            },
            { title: t('tel.route.trunk'), dataIndex: 'trunkId' },
            {
              title: t('common.actions'),
              width: 260,
              render: (_: unknown, r, i) => (
                <RowActions
                  name={r.pattern}
                  onEdit={() => route.open(r)}
                  onDelete={() => void route.run(del<Push>(`${API}/outbound-routes/${r.id}`))}
                >
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    onClick={() => void move(i, -1)}
                    aria-label={t('tel.route.up')}
                    data-testid={`route-up-${i}`}
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={i === routes.length - 1}
                    onClick={() => void move(i, 1)}
                    aria-label={t('tel.route.down')}
                  />
                </RowActions>
              ),
            },
          ]}
        />
      </Card>
      <CrudModal
        editor={did}
        title={did.editing === 'new' ? t('tel.did.new') : t('tel.did.edit', { did: did.editing?.did ?? '' })}
        onOk={() => void saveDid()}
      >
        <Form.Item name="did" label={t('tel.did.did')} rules={[{ required: true, pattern: /^\+?[0-9]{2,20}$/ }]}>
          <Input disabled={did.editing !== 'new'} />
        </Form.Item>
        <Form.Item name="type" label={t('tel.did.target')}>
          <Radio.Group
            optionType="button"
            options={(['control', 'extension', 'group'] as const).map((k) => ({
              value: k,
              label: t(`tel.did.target.${k}`),
            }))}
          />
        </Form.Item>
        {targetType === 'control' && (
          <Form.Item
            name="flow"
            label={t('tel.did.flow')}
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/ }]}
          >
            <Input />
          </Form.Item>
        )}
        {targetType === 'extension' && (
          <Form.Item
            name="extension"
            label={t('tel.did.target.extension')}
            rules={[{ required: true, message: t('tel.required') }]}
          >
            <Select options={extOptions} />
          </Form.Item>
        )}
        {targetType === 'group' && (
          <Form.Item
            name="extensions"
            label={t('tel.did.extensions')}
            rules={[{ required: true, message: t('tel.required') }]}
          >
            <Select mode="multiple" options={extOptions} />
          </Form.Item>
        )}
        <Form.Item name="record" label={t('tel.did.record')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </CrudModal>
      <CrudModal
        editor={route}
        title={route.editing === 'new' ? t('tel.route.new') : t('tel.route.edit')}
        onOk={() => void saveRoute()}
      >
        <Form.Item
          name="pattern"
          label={t('tel.route.pattern')}
          rules={[
            { required: true, message: t('tel.required') },
            {
              validator: async (_r, v: string | undefined) => {
                if (v && !validRegExp(v)) throw new Error(t('tel.route.patternInvalid'));
              },
            },
          ]}
        >
          <Input placeholder="^0[1-9]" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="trunkId" label={t('tel.route.trunk')} rules={[{ required: true, message: t('tel.required') }]}>
          <Select options={trunks.map((tr) => ({ value: tr.id, label: `${tr.id} ${tr.name}` }))} />
        </Form.Item>
      </CrudModal>
    </>
  );
}
