import { Tag, Timeline, Typography } from 'antd';
import { useLabels } from './catalog.tsx';
import { type CaseEvent, type CaseView, type Catalog, type Duration, fmtTime } from './model.ts';

const COLOR: Record<string, string> = {
  registered: 'blue',
  dispatched: 'blue',
  signed: 'green',
  returned: 'red',
  return_arbitrated: 'orange',
  replied: 'green',
  reply_reviewed: 'green',
  extension_requested: 'orange',
  extension_decided: 'orange',
  urged: 'red',
  supervised: 'red',
  instructed: 'purple',
  callback_recorded: 'cyan',
  reopened: 'red',
  closed: 'gray',
};

/** The case's full history, rendered from its immutable event log. */
export function CaseTimeline({ c, events, catalog }: { c: CaseView; events: CaseEvent[]; catalog: Catalog | null }) {
  const { t, dept, duration } = useLabels();
  const partyDept = (id: unknown) => {
    const p = c.parties.find((x) => x.id === id);
    return p ? dept(catalog, p.departmentId) : '';
  };
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  const detail = (e: CaseEvent): string => {
    switch (e.type) {
      case 'dispatched':
        return (e.parties as { departmentId: string; role: string }[])
          .map((p) => `${t(`cases.role.${p.role}`)}：${dept(catalog, p.departmentId)}`)
          .join('；');
      case 'signed':
        return partyDept(e.partyId);
      case 'returned':
        return `${partyDept(e.partyId)} · ${t(`cases.returnReason.${s(e.reason)}`)}`;
      case 'return_arbitrated': {
        const np = e.newParty as { departmentId: string } | null;
        return `${partyDept(e.partyId)} · ${t(`cases.arbitration.${s(e.decision)}`)}${np ? ` → ${dept(catalog, np.departmentId)}` : ''}`;
      }
      case 'redispatched_down':
        return `${partyDept(e.fromPartyId)} → ${dept(catalog, s(e.departmentId))}${
          typeof e.dueAt === 'number' ? ` · ${t('cases.action.dueAt')} ${fmtTime(e.dueAt)}` : ''
        }`;
      case 'extension_requested':
        return `${partyDept(e.partyId)} · ${duration(e.extra as Duration)}`;
      case 'extension_decided':
        return e.approved ? t('cases.action.approve') : t('cases.action.refuse');
      case 'replied':
      case 'reply_reviewed':
        return `${partyDept(e.partyId)}${e.type === 'reply_reviewed' ? ` · ${e.accepted ? t('cases.action.accept') : t('cases.action.sendBack')}` : ''}`;
      case 'urged':
      case 'supervised':
        return e.partyId ? partyDept(e.partyId) : '';
      case 'callback_recorded':
        return e.reached
          ? `${t('cases.callback.reachedYes')} · ${e.resolved ? t('cases.callback.isResolved') : t('cases.callback.notResolved')} · ${t(`cases.satisfaction.${s(e.satisfaction)}`)}`
          : t('cases.callback.reachedNo');
      case 'reopened':
        return `${t('cases.action.charged')}：${dept(catalog, s(e.departmentId))}`;
      case 'closed':
        return t(`cases.closeReason.${s(e.reason)}`);
      default:
        return '';
    }
  };
  const body = (e: CaseEvent): string =>
    s(e.answer) ||
    s(e.content) ||
    s(e.note) ||
    s(e.reason && e.type !== 'returned' && e.type !== 'closed' ? e.reason : '') ||
    s(e.text);
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => ({
        color: COLOR[e.type] ?? 'gray',
        content: (
          <div>
            <Typography.Text strong>{t(`cases.event.${e.type}`)}</Typography.Text>
            {detail(e) && <Tag style={{ marginInlineStart: 8 }}>{detail(e)}</Tag>}
            <div style={{ color: '#888', fontSize: 12 }}>
              {fmtTime(e.at)} · {e.actorName}
            </div>
            {body(e) && <div style={{ whiteSpace: 'pre-wrap', color: '#444', marginTop: 2 }}>{body(e)}</div>}
          </div>
        ),
      }))}
    />
  );
}
