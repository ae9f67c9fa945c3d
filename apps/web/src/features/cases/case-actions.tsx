import type { CurrentUser } from '@hotline/contracts';
import { App, Button, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { post } from '../../shared/api.ts';
import { type ActionSpec, actionContext } from './action-context.tsx';
import { useLabels } from './catalog.tsx';
import { centerActions } from './center-actions.tsx';
import { departmentActions } from './department-actions.tsx';
import type { CaseView, Catalog } from './model.ts';
import { supervisionActions } from './supervision-actions.tsx';

/** The actions the user's roles, department and the case's state allow (the API re-checks every one). */
function useActions(c: CaseView, user: CurrentUser, catalog: Catalog | null, now: number): ActionSpec[] {
  const { t, dept } = useLabels();
  const x = actionContext(c, user, catalog, now, t, dept);
  const center = centerActions(x);
  // Dispatch and direct answer first, then the department's and the supervisor's own work, then the rest.
  const first = center.filter((a) => a.key === 'dispatch' || a.key === 'answer');
  return [...first, ...departmentActions(x), ...supervisionActions(x), ...center.filter((a) => !first.includes(a))];
}

/** The action bar of a case: one button per allowed command, each opening its form (or posting at once). */
export function CaseActions({
  c,
  user,
  catalog,
  onDone,
}: {
  c: CaseView;
  user: CurrentUser;
  catalog: Catalog | null;
  onDone: (c: CaseView) => void;
}) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const actions = useActions(c, user, catalog, Date.now());
  const [active, setActive] = useState<ActionSpec | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const send = async (a: ActionSpec, values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const r = await post<{ case: CaseView }>(`/api/v1/cases/${c.id}/commands`, a.body(values));
      message.success(t('cases.action.done', { action: a.label }));
      setActive(null);
      onDone(r.case);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const start = (a: ActionSpec) => {
    if (!a.fields) return void send(a, {});
    form.resetFields();
    form.setFieldsValue(a.initial ?? {});
    setActive(a);
  };
  if (actions.length === 0) return <span style={{ color: '#888' }}>{t('cases.action.none')}</span>;
  return (
    <>
      <Space wrap data-testid="case-actions">
        {actions.map((a) => (
          <Button
            key={a.key}
            type={a.primary ? 'primary' : 'default'}
            danger={a.danger}
            loading={busy && !a.fields}
            onClick={() => start(a)}
            data-testid={`action-${a.key.split(':')[0]}`}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!active}
        title={active?.label}
        width={active?.width}
        onCancel={() => setActive(null)}
        onOk={() => {
          if (active) void form.validateFields().then((v: Record<string, unknown>) => send(active, v));
        }}
        okText={t('cases.action.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical">
          {active?.fields}
        </Form>
      </Modal>
    </>
  );
}
