import type { TrunkView } from '@hotline/contracts';
import {
  Button,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { del, get, patch, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formValues, useFailure, usePushNotice } from './common.tsx';

type Push = { switch: { connected: boolean } };
const PASSWORD = /^[\x21-\x7e]{8,128}$/;

/**
 * 中继: carrier trunks — where outbound calls go, how inbound calls are recognised (IP allow-list or
 * registration), outbound digest credentials (shown only as set / not set), caller ID, area code,
 * concurrent-call limit.
 */
export function TrunksPage() {
  const { t } = useI18n();
  const notice = usePushNotice();
  const fail = useFailure();
  const [rows, setRows] = useState<TrunkView[]>([]);
  const [editing, setEditing] = useState<TrunkView | 'new' | null>(null);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    setRows((await get<{ trunks: TrunkView[] }>('/api/v1/admin/telephony/trunks')).trunks);
  }, []);
  useEffect(() => {
    load().catch(fail);
  }, [load, fail]);

  const open = (tr: TrunkView | 'new') => {
    form.resetFields();
    if (tr === 'new') form.setFieldsValue({ port: 5060, transport: 'udp', maxCalls: 30, allowFrom: [] });
    else form.setFieldsValue({ ...tr, inboundPassword: undefined, password: undefined });
    setEditing(tr);
  };
  const save = async () => {
    const v = await formValues<Record<string, unknown>>(form);
    if (!v) return;
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
    try {
      const r =
        editing === 'new'
          ? await post<Push>('/api/v1/admin/telephony/trunks', { ...body, id: v.id })
          : await patch<Push>(`/api/v1/admin/telephony/trunks/${(editing as TrunkView).id}`, body);
      notice(r);
      form.resetFields();
      setEditing(null);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const remove = async (id: string) => {
    try {
      notice(await del<Push>(`/api/v1/admin/telephony/trunks/${id}`));
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const isNew = editing === 'new';
  const current = editing !== null && editing !== 'new' ? editing : null;
  const secret = (set: boolean | undefined) =>
    set ? <Tag color="green">{t('tel.set')}</Tag> : <Tag>{t('tel.notSet')}</Tag>;

  return (
    <>
      <PageHeader
        title={t('tel.trunk.title')}
        extra={
          <Button type="primary" onClick={() => open('new')} data-testid="trunk-new">
            {t('tel.trunk.new')}
          </Button>
        }
      />
      <Table<TrunkView>
        rowKey="id"
        size="middle"
        dataSource={rows}
        pagination={false}
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
          {
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" onClick={() => open(r)} data-testid={`trunk-edit-${r.id}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('tel.deleteConfirm', { name: r.id })}
                  onConfirm={() => void remove(r.id)}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                >
                  <Button size="small" danger>
                    {t('tel.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        width={720}
        title={isNew ? t('tel.trunk.new') : t('tel.trunk.edit', { id: current?.id ?? '' })}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
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
              <Form.Item
                name="host"
                label={t('tel.trunk.host')}
                rules={[{ required: true, message: t('tel.required') }]}
              >
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
        </Form>
      </Modal>
    </>
  );
}
