import type { Department } from '@hotline/contracts';
import { Button, Form, Input, Modal, message, Select, Table, Tag } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';

type Node = Department & { children?: Node[] };

export function toTree(list: Department[]): Node[] {
  const byId = new Map<string, Node>(list.map((d) => [d.id, { ...d }]));
  const roots: Node[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) {
      parent.children ??= [];
      parent.children.push(n);
    } else roots.push(n);
  }
  return roots;
}

const KINDS = ['center', 'city', 'district', 'street', 'unit'] as const;

export function DepartmentsPage() {
  const { t, locale } = useI18n();
  const [list, setList] = useState<Department[]>([]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    setList((await get<{ departments: Department[] }>('/api/v1/departments')).departments);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const tree = useMemo(() => toTree(list), [list]);
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      await post('/api/v1/departments', { ...v, parentId: v.parentId ?? null });
      message.success(t('common.saved'));
      setOpen(false);
      await load();
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  return (
    <>
      <PageHeader
        title={t('departments.title')}
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
          >
            {t('common.create')}
          </Button>
        }
      />
      {tree.length > 0 && (
        <Table
          rowKey="id"
          dataSource={tree}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          columns={[
            { title: t('departments.name'), render: (_: unknown, d: Node) => (locale === 'en' && d.nameEn) || d.name },
            { title: t('departments.code'), dataIndex: 'code' },
            {
              title: t('departments.kind'),
              dataIndex: 'kind',
              render: (k: string) => <Tag>{t(`departments.kind.${k}`)}</Tag>,
            },
            { title: t('departments.region'), dataIndex: 'regionCode' },
          ]}
        />
      )}
      <Modal
        open={open}
        title={t('departments.create')}
        onOk={() => void save()}
        onCancel={() => setOpen(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'unit' }}>
          <Form.Item name="name" label={t('departments.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('departments.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('departments.code')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,32}$/ }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('departments.kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`departments.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="parentId" label={t('departments.parent')}>
            <Select allowClear options={list.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('departments.region')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
