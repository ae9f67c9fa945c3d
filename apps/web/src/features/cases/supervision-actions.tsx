import { Form, Radio, Select } from 'antd';
import { type ActionContext, type ActionSpec, note } from './action-context.tsx';

/** Supervising a party (the center, or the parent department of a re-dispatched child): arbitrate a return, review a reply; supervisors decide extensions. */
export function supervisionActions(x: ActionContext): ActionSpec[] {
  const { c, t, leads, depts, name, noteField, supervised } = x;
  const out: ActionSpec[] = [];
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
  return out;
}
