import type { TrunkView } from '@hotline/contracts';
import { Col, Divider, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { del, get, patch, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { useFailure } from './common.tsx';
import { CrudTablePage, type Push, useCrudEditor } from './crud-table-page.tsx';

const API = '/api/v1/admin/telephony/trunks';
const PASSWORD = /^[\x21-\x7e]{8,128}$/;

/**
 * 中继: carrier trunks — where outbound calls go, how inbound calls are recognised (IP allow-list or
 * registration), outbound digest credentials (shown only as set / not set), caller ID, area code,
 * concurrent-call limit.
 */
export function TrunksPage() {
  const { t } = useI18n();
  const fail = useFailure();
  const [rows, setRows] = useState<TrunkView[]>([]);

  const load = useCallback(async () => {
    setRows((await get<{ trunks: TrunkView[] }>(API)).trunks);
  }, []);
  useEffect(() => {
    load().catch(fail);
  }, [load, fail]);

  const editor = useCrudEditor<TrunkView>({
    reload: load,
    initial: (tr) =>
      tr === 'new'
        ? { port: 5060, transport: 'udp', maxCalls: 30, allowFrom: [] }
        : { ...tr, inboundPassword: undefined, password: undefined },
  });
  const save = () =>
    editor.save((v, editing) => {
      const body: Record<string, unknown> = {
        name: v.name ?? '',
        host: v.host,
        port: v.port,
        transport: v.transport,
        allowFrom: v.allowFrom ?? [],
        inboundUser: v.inboundUser || null,
        username: v.username || null,
        callerId: v.callerId ?? '',
        areaCode: v.areaCode ?? '',
        maxCalls: v.maxCalls,
      };
      // Passwords: empty keeps the stored one; a user name removed clears its password too.
      if (v.inboundPassword) body.inboundPassword = v.inboundPassword;
      else if (!v.inboundUser) body.inboundPassword = null;
      if (v.password) body.password = v.password;
      else if (!v.username) body.password = null;
      return editing === 'new' ? post<Push>(API, { ...body, id: v.id }) : patch<Push>(`${API}/${editing.id}`, body);
    });
  const isNew = editor.editing === 'new';
  const current = editor.editing !== null && editor.editing !== 'new' ? editor.editing : null;
  const secret = (set: boolean | undefined) =>
    set ? <Tag color="green">{t('tel.set')}</Tag> : <Tag>{t('tel.notSet')}</Tag>;

  return (
    <CrudTablePage<TrunkView>
      title={t('tel.trunk.title')}
      newLabel={t('tel.trunk.new')}
      testId="trunk"
      editor={editor}
      rows={rows}
      rowKey="id"
      pagination={false}
      onDelete={(r) => void editor.run(del<Push>(`${API}/${r.id}`))}
      dialogTitle={isNew ? t('tel.trunk.new') : t('tel.trunk.edit', { id: current?.id ?? '' })}
      dialogWidth={720}
      onSave={() => void save()}
      columns={[
        { title: t('tel.trunk.id'), dataIndex: 'id' },
        { title: t('tel.trunk.name'), dataIndex: 'name' },
        {
          title: t('tel.trunk.host'),
          render: (_: unknown, r) => `${r.host}:${r.port} / ${r.transport.toUpperCase()}`,
        },
        {
          title: t('tel.trunk.allowFrom'),
          dataIndex: 'allowFrom',
          render: (a: string[]) => a.map((x) => <Tag key={x}>{x}</Tag>),
        },
        {
          title: t('tel.trunk.credentials'),
          render: (_: unknown, r) => (
            <Space orientation="vertical" size={2}>
              <span>
                {t('tel.trunk.inbound')}: {r.inboundUser ?? ''} {secret(r.inboundPasswordSet)}
              </span>
              <span>
                {t('tel.trunk.outbound')}: {r.username ?? ''} {secret(r.passwordSet)}
              </span>
            </Space>
          ),
        },
        { title: t('tel.trunk.callerId'), dataIndex: 'callerId' },
        { title: t('tel.trunk.areaCode'), dataIndex: 'areaCode' },
        { title: t('tel.trunk.maxCalls'), dataIndex: 'maxCalls' },
        { title: t('tel.trunk.routes'), dataIndex: 'routes' },
      ]}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item
            name="id"
            label={t('tel.trunk.id')}
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{0,63}$/, message: t('tel.trunk.idRule') }]}
          >
            <Input disabled={!isNew} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="name" label={t('tel.trunk.name')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="host" label={t('tel.trunk.host')} rules={[{ required: true, message: t('tel.required') }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="port" label={t('tel.trunk.port')} rules={[{ required: true }]}>
            <InputNumber min={1} max={65535} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="transport" label={t('tel.trunk.transport')}>
            <Select
              options={[
                { value: 'udp', label: 'UDP' },
                { value: 'tcp', label: 'TCP' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="allowFrom" label={t('tel.trunk.allowFrom')} extra={t('tel.trunk.allowFromHelp')}>
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              tokenSeparators={[',', ' ']}
              data-testid="trunk-allow-from"
            />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('tel.trunk.inbound')}
      </Divider>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="inboundUser" label={t('tel.trunk.inboundUser')}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="inboundPassword"
            label={t('tel.trunk.inboundPassword')}
            extra={current?.inboundPasswordSet ? t('tel.keepPassword') : undefined}
            rules={[{ pattern: PASSWORD, message: t('tel.ext.passwordRule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('tel.trunk.outbound')}
      </Divider>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="username" label={t('tel.trunk.username')}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="password"
            label={t('tel.trunk.password')}
            extra={current?.passwordSet ? t('tel.keepPassword') : undefined}
            rules={[{ pattern: PASSWORD, message: t('tel.ext.passwordRule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item
            name="callerId"
            label={t('tel.trunk.callerId')}
            extra={t('tel.trunk.callerIdHelp')}
            rules={[{ pattern: /^(\+?[0-9]{3,20})?$/ }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item
            name="areaCode"
            label={t('tel.trunk.areaCode')}
            extra={t('tel.trunk.areaCodeHelp')}
            rules={[{ pattern: /^([1-9][0-9]{1,2})?$/, message: t('tel.trunk.areaCodeHelp') }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="maxCalls" label={t('tel.trunk.maxCalls')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </CrudTablePage>
  );
}
