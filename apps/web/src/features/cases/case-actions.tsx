import type { CurrentUser } from '@hotline/contracts';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { post } from '../../shared/api.ts';
import { useLabels } from './catalog.tsx';
import {
  type CaseView,
  type Catalog,
  MIN_CALLBACK_ATTEMPTS,
  type Party,
  RETURN_REASONS,
  SATISFACTIONS,
} from './model.ts';

/** One command the current user may send: a button, an optional form, and the body it posts. */
interface ActionSpec {
  key: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
  fields?: ReactNode;
  initial?: Record<string, unknown>;
  body: (v: Record<string, unknown>) => Record<string, unknown>;
}

const has = (u: CurrentUser, roles: string[]) => u.roles.some((r) => roles.includes(r));
const CENTER = ['admin', 'supervisor', 'agent'];
const LEADS = ['admin', 'supervisor'];
const note = (v: Record<string, unknown>) => (v.note ? { note: String(v.note) } : {});
const req = [{ required: true, whitespace: true }];

/** The actions the user's roles, department and the case's state allow (the API re-checks every one). */
function useActions(c: CaseView, user: CurrentUser, catalog: Catalog | null, now: number): ActionSpec[] {
  const { t, dept } = useLabels();
  const out: ActionSpec[] = [];
  const center = has(user, CENTER);
  const leads = has(user, LEADS);
  const depts = (catalog?.departments ?? []).filter((d) => d.active && d.kind !== 'center');
  const deptOptions = depts.map((d) => ({ value: d.id, label: d.name }));
  const name = (p: Party) => dept(catalog, p.departmentId);
  const noteField = (label = t('cases.action.note'), required = false) => (
    <Form.Item name="note" label={label} rules={required ? req : []}>
      <Input.TextArea rows={3} maxLength={1000} />
    </Form.Item>
  );
  const top = c.parties.filter((p) => p.parentPartyId === null);
  const open = c.parties.filter((p) =>
    ['to_sign', 'in_progress', 'delegated', 'returned', 'replied'].includes(p.status),
  );
  // Parties this user supervises: top-level ones for the center, re-dispatched children for their parent department.
  const supervised = (p: Party) => {
    if (p.parentPartyId === null) return center;
    const parent = c.parties.find((x) => x.id === p.parentPartyId);
    return has(user, ['department']) && parent?.departmentId === user.departmentId;
  };

  if (center && c.status === 'registered') {
    out.push({
      key: 'dispatch',
      label: t('cases.action.dispatch'),
      primary: true,
      fields: (
        <>
          <Form.Item name="lead" label={t('cases.action.lead')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={deptOptions} data-testid="dispatch-lead" />
          </Form.Item>
          <Form.Item name="co" label={t('cases.action.co')}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={deptOptions}
              data-testid="dispatch-co"
            />
          </Form.Item>
          {noteField()}
        </>
      ),
      body: (v) => ({
        type: 'dispatch',
        parties: [
          { departmentId: v.lead, role: 'lead' },
          ...((v.co as string[] | undefined) ?? [])
            .filter((id) => id !== v.lead)
            .map((id) => ({ departmentId: id, role: 'co' })),
        ],
        ...note(v),
      }),
    });
    out.push({
      key: 'answer',
      label: t('cases.action.answer'),
      fields: (
        <Form.Item name="answer" label={t('cases.action.answerText')} rules={req}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      ),
      body: (v) => ({ type: 'answer_directly', answer: v.answer }),
    });
  }
  // Department: its own parties.
  for (const p of c.parties.filter((x) => has(user, ['department']) && x.departmentId === user.departmentId)) {
    if (p.status === 'to_sign') {
      out.push({
        key: `sign:${p.id}`,
        label: t('cases.action.sign'),
        primary: true,
        body: () => ({ type: 'sign', partyId: p.id }),
      });
      out.push({
        key: `return:${p.id}`,
        label: t('cases.action.return'),
        danger: true,
        fields: (
          <>
            <Form.Item name="reason" label={t('cases.action.returnReason')} rules={[{ required: true }]}>
              <Select options={RETURN_REASONS.map((r) => ({ value: r, label: t(`cases.returnReason.${r}`) }))} />
            </Form.Item>
            {noteField(t('cases.action.returnNote'), true)}
          </>
        ),
        body: (v) => ({ type: 'return', partyId: p.id, reason: v.reason, note: v.note }),
      });
    }
    if (p.status === 'in_progress') {
      out.push({
        key: `reply:${p.id}`,
        label: t('cases.action.reply'),
        primary: true,
        fields: (
          <Form.Item name="content" label={t('cases.action.replyText')} rules={req}>
            <Input.TextArea rows={5} maxLength={4000} />
          </Form.Item>
        ),
        body: (v) => ({ type: 'reply', partyId: p.id, content: v.content }),
      });
      const children = depts.filter((d) => d.parentId === p.departmentId);
      if (children.length) {
        out.push({
          key: `down:${p.id}`,
          label: t('cases.action.redispatchDown'),
          fields: (
            <>
              <Form.Item name="departmentId" label={t('cases.action.downTo')} rules={[{ required: true }]}>
                <Select options={children.map((d) => ({ value: d.id, label: d.name }))} />
              </Form.Item>
              <Form.Item name="due" label={t('cases.action.dueAt')} extra={t('cases.action.dueAtHelp')}>
                <DatePicker showTime format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              {noteField()}
            </>
          ),
          body: (v) => ({
            type: 'redispatch_down',
            partyId: p.id,
            departmentId: v.departmentId,
            ...(v.due ? { dueAt: (v.due as { valueOf(): number }).valueOf() } : {}),
            ...note(v),
          }),
        });
      }
    }
    const pending = c.extensions.some((x) => x.partyId === p.id && x.status === 'pending');
    // 延期 must be asked for before the finish deadline passes.
    if (
      (p.status === 'in_progress' || p.status === 'delegated') &&
      !p.parentPartyId &&
      !pending &&
      now <= p.finishDeadline
    ) {
      out.push({
        key: `extend:${p.id}`,
        label: t('cases.action.requestExtension'),
        initial: { unit: 'working_days', amount: 3 },
        fields: (
          <>
            <Space>
              <Form.Item name="amount" label={t('cases.action.extra')} rules={[{ required: true }]}>
                <InputNumber min={1} max={60} />
              </Form.Item>
              <Form.Item name="unit" label=" ">
                <Select
                  style={{ width: 120 }}
                  options={['working_days', 'days', 'hours'].map((u) => ({
                    value: u,
                    label: t(`cases.unitName.${u}`),
                  }))}
                />
              </Form.Item>
            </Space>
            <Form.Item name="reason" label={t('cases.action.extensionReason')} rules={req}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        ),
        body: (v) => ({
          type: 'request_extension',
          partyId: p.id,
          extra: { unit: v.unit, amount: v.amount },
          reason: v.reason,
        }),
      });
    }
  }
  // Supervising a party: arbitrate its return, review its reply.
  for (const p of c.parties.filter(supervised)) {
    if (p.status === 'returned' && (p.parentPartyId !== null || leads)) {
      const decisions = p.parentPartyId ? ['reject', 'redispatch', 'take_back'] : ['reject', 'redispatch', 'fallback'];
      const parent = c.parties.find((x) => x.id === p.parentPartyId);
      const targets = parent ? depts.filter((d) => d.parentId === parent.departmentId) : depts;
      out.push({
        key: `arbitrate:${p.id}`,
        label: t('cases.action.arbitrate', { dept: name(p) }),
        primary: true,
        initial: { decision: 'redispatch' },
        fields: (
          <>
            <Form.Item name="decision" label={t('cases.action.decision')}>
              <Radio.Group options={decisions.map((d) => ({ value: d, label: t(`cases.arbitration.${d}`) }))} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) =>
                getFieldValue('decision') === 'redispatch' && (
                  <Form.Item name="departmentId" label={t('cases.action.redispatchTo')} rules={[{ required: true }]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      options={targets
                        .filter((d) => d.id !== p.departmentId)
                        .map((d) => ({ value: d.id, label: d.name }))}
                    />
                  </Form.Item>
                )
              }
            </Form.Item>
            {noteField()}
          </>
        ),
        body: (v) => ({
          type: 'arbitrate',
          partyId: p.id,
          decision: v.decision,
          ...(v.decision === 'redispatch' ? { departmentId: v.departmentId } : {}),
          ...note(v),
        }),
      });
    }
    if (p.status === 'replied') {
      out.push({
        key: `review:${p.id}`,
        label: t('cases.action.review', { dept: name(p) }),
        primary: true,
        initial: { accept: true },
        fields: (
          <>
            <Form.Item label={t('cases.action.replyText')}>
              <div style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8 }}>{p.reply?.content}</div>
            </Form.Item>
            <Form.Item name="accept" label={t('cases.action.reviewResult')}>
              <Radio.Group
                options={[
                  { value: true, label: t('cases.action.accept') },
                  { value: false, label: t('cases.action.sendBack') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => noteField(t('cases.action.reviewNote'), getFieldValue('accept') === false)}
            </Form.Item>
          </>
        ),
        body: (v) => ({ type: 'review', partyId: p.id, accept: v.accept === true, ...note(v) }),
      });
    }
  }
  if (leads) {
    for (const x of c.extensions.filter((e) => e.status === 'pending')) {
      const p = c.parties.find((y) => y.id === x.partyId);
      out.push({
        key: `extension:${x.id}`,
        label: t('cases.action.decideExtension', { dept: p ? name(p) : '' }),
        primary: true,
        initial: { approve: true },
        fields: (
          <>
            <Form.Item label={t('cases.action.extra')}>
              {t(`cases.unit.${x.extra.unit}`, { n: x.extra.amount })}
            </Form.Item>
            <Form.Item label={t('cases.action.extensionReason')}>{x.reason}</Form.Item>
            <Form.Item name="approve" label={t('cases.action.reviewResult')}>
              <Radio.Group
                options={[
                  { value: true, label: t('cases.action.approve') },
                  { value: false, label: t('cases.action.refuse') },
                ]}
              />
            </Form.Item>
            {noteField()}
          </>
        ),
        body: (v) => ({ type: 'decide_extension', requestId: x.id, approve: v.approve === true, ...note(v) }),
      });
    }
  }
  const thisRound = c.callbacks.filter((b) => b.round === c.round);
  const reached = thisRound.filter((b) => b.reached).at(-1);
  if (has(user, [...CENTER, 'qa']) && (c.status === 'reviewed' || c.status === 'callback') && !reached) {
    out.push({
      key: 'callback',
      label: t('cases.action.callback'),
      primary: true,
      initial: { reached: true, resolved: true, satisfaction: 'satisfied' },
      fields: (
        <>
          <Form.Item name="reached" label={t('cases.callback.reached')}>
            <Radio.Group
              options={[
                { value: true, label: t('cases.callback.reachedYes') },
                { value: false, label: t('cases.callback.reachedNo') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue('reached') && (
                <>
                  <Form.Item name="resolved" label={t('cases.callback.resolved')}>
                    <Radio.Group
                      options={[
                        { value: true, label: t('common.yes') },
                        { value: false, label: t('common.no') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name="satisfaction" label={t('cases.callback.satisfaction')}>
                    <Radio.Group
                      options={SATISFACTIONS.map((s) => ({ value: s, label: t(`cases.satisfaction.${s}`) }))}
                    />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
          {noteField()}
        </>
      ),
      body: (v) => ({
        type: 'record_callback',
        reached: v.reached === true,
        ...(v.reached ? { resolved: v.resolved === true, satisfaction: v.satisfaction } : {}),
        ...note(v),
      }),
    });
  }
  const unhappy = reached && (reached.satisfaction === 'dissatisfied' || reached.resolved === false);
  const charged = top.filter((p) => p.status === 'done' && p.round === c.round);
  if (center && (c.status === 'callback' || c.status === 'reviewed') && (unhappy || leads) && charged.length) {
    out.push({
      key: 'reopen',
      label: t('cases.action.reopen'),
      danger: true,
      initial: { chargedPartyId: charged.find((p) => p.role === 'lead')?.id ?? charged[0]?.id },
      fields: (
        <>
          <Form.Item name="chargedPartyId" label={t('cases.action.charged')} rules={[{ required: true }]}>
            <Select options={charged.map((p) => ({ value: p.id, label: name(p) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('cases.action.reopenReason')} rules={req}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      ),
      body: (v) => ({ type: 'reopen', chargedPartyId: v.chargedPartyId, reason: v.reason }),
    });
  }
  if (center && c.status !== 'closed') {
    const reasons: string[] = [];
    if (c.status === 'answered_directly') reasons.push('answered');
    if (c.status === 'callback' && reached && !unhappy) reasons.push('satisfied');
    if (c.status === 'callback' && !reached && thisRound.length >= MIN_CALLBACK_ATTEMPTS) reasons.push('unreachable');
    if (leads && (c.status === 'reviewed' || c.status === 'callback')) reasons.push('finished');
    if (leads) reasons.push('duplicate', 'withdrawn');
    if (reasons.length) {
      out.push({
        key: 'close',
        label: t('cases.action.close'),
        primary: reasons[0] === 'satisfied' || reasons[0] === 'answered',
        initial: { reason: reasons[0] },
        fields: (
          <>
            <Form.Item name="reason" label={t('cases.action.closeReason')}>
              <Radio.Group options={reasons.map((r) => ({ value: r, label: t(`cases.closeReason.${r}`) }))} />
            </Form.Item>
            {noteField()}
          </>
        ),
        body: (v) => ({ type: 'close', reason: v.reason, ...note(v) }),
      });
    }
  }
  const notice = (type: 'urge' | 'supervise') => ({
    key: type,
    label: t(`cases.action.${type}`),
    fields: (
      <>
        <Form.Item name="partyId" label={t('cases.action.toDept')}>
          <Select allowClear options={open.map((p) => ({ value: p.id, label: name(p) }))} />
        </Form.Item>
        {noteField(t('cases.action.noticeText'), true)}
      </>
    ),
    body: (v: Record<string, unknown>) => ({ type, note: v.note, ...(v.partyId ? { partyId: v.partyId } : {}) }),
  });
  if (open.length && center) out.push(notice('urge'));
  if (open.length && has(user, [...LEADS, 'leader'])) out.push(notice('supervise'));
  if (c.status !== 'closed' && has(user, ['leader', 'admin'])) {
    out.push({
      key: 'instruct',
      label: t('cases.action.instruct'),
      fields: (
        <Form.Item name="text" label={t('cases.action.instructText')} rules={req}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      ),
      body: (v) => ({ type: 'instruct', text: v.text }),
    });
  }
  return out;
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
