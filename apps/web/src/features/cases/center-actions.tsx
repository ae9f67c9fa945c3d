import { Form, Input, Radio, Select } from 'antd';
import { type ActionContext, type ActionSpec, CENTER, has, LEADS, note, req } from './action-context.tsx';
import { CallPicker } from './call-picker.tsx';
import { IncidentSelect } from './incident-select.tsx';
import { MIN_CALLBACK_ATTEMPTS, SATISFACTIONS } from './model.ts';

/** The center on the whole case: dispatch, direct answer, callback, reopen, close, urge/supervise, leader instruction, links. */
export function centerActions(x: ActionContext): ActionSpec[] {
  const { c, user, t, center, leads, deptOptions, name, noteField, top, open } = x;
  const out: ActionSpec[] = [];
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
  if (center && c.status !== 'closed') {
    out.push({
      key: 'link_incident',
      label: t('cases.action.linkIncident'),
      initial: { incidentId: c.incidentId ?? undefined },
      fields: (
        <Form.Item name="incidentId" label={t('cases.action.incident')} extra={t('cases.action.incidentHelp')}>
          <IncidentSelect c={c} matchLabel={t('cases.action.incidentMatch')} />
        </Form.Item>
      ),
      body: (v) => ({ type: 'link_incident', incidentId: (v.incidentId as string | undefined) ?? null }),
    });
  }
  if (center) {
    // Closed cases too: linking a call is a record, not a step of the case.
    out.push({
      key: 'link_call',
      label: t('cases.action.linkCall'),
      width: 760,
      fields: (
        <Form.Item
          name="ref"
          label={t('cases.linkCall.pick')}
          rules={[{ required: true, message: t('cases.linkCall.required') }]}
        >
          <CallPicker caseId={c.id} />
        </Form.Item>
      ),
      body: (v) => ({ type: 'link', kind: 'call', ref: v.ref }),
    });
  }
  return out;
}
