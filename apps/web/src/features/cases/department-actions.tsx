import { DatePicker, Form, Input, InputNumber, Select, Space, type UploadFile } from 'antd';
import { type ActionContext, type ActionSpec, has, note, req } from './action-context.tsx';
import { attachmentRefs, CaseFilesField, type UploadedFile } from './file-upload.tsx';
import { RETURN_REASONS } from './model.ts';

/** A department on its own parties: sign, return with a coded reason, reply, re-dispatch down, request an extension. */
export function departmentActions(x: ActionContext): ActionSpec[] {
  const { c, user, t, now, depts, noteField } = x;
  const out: ActionSpec[] = [];
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
          <>
            <Form.Item name="content" label={t('cases.action.replyText')} rules={req}>
              <Input.TextArea rows={5} maxLength={4000} />
            </Form.Item>
            <CaseFilesField />
          </>
        ),
        body: (v) => ({
          type: 'reply',
          partyId: p.id,
          content: v.content,
          attachments: attachmentRefs(v.files as UploadFile<UploadedFile>[] | undefined),
        }),
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
  return out;
}
