import { Button, Card, Col, Descriptions, Empty, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, get } from '../../shared/api.ts';
import { useAuth } from '../../shared/auth.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { AttachmentList } from './attachment-list.tsx';
import { CaseActions } from './case-actions.tsx';
import { CaseLinksCard } from './case-links-card.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { Countdown, UrgencyTag, useCatalog, useLabels, useNow } from './catalog.tsx';
import { type CaseEvent, type CaseView, fmtTime, type Party } from './model.ts';

const STATUS_COLOR: Record<string, string> = {
  registered: 'blue',
  dispatched: 'geekblue',
  returned: 'red',
  in_progress: 'processing',
  extension_requested: 'orange',
  replied: 'cyan',
  reviewed: 'green',
  callback: 'green',
  reopened: 'volcano',
  closed: 'default',
  answered_directly: 'green',
};

/** A party whose reply stands (replied, or accepted): its finish clock has stopped. */
const finished = (p: Party) => p.status === 'replied' || p.status === 'done';

/** Parties in dispatch order, each re-dispatched child right under its parent. */
function treeOrder(all: Party[]): Party[] {
  const byTime = [...all].sort((a, b) => a.round - b.round || a.dispatchedAt - b.dispatchedAt);
  const out: Party[] = [];
  const visit = (p: Party, depth: number) => {
    if (depth > 8 || out.includes(p)) return;
    out.push(p);
    for (const c of byTime.filter((x) => x.parentPartyId === p.id)) visit(c, depth + 1);
  };
  for (const p of byTime.filter((x) => !x.parentPartyId || !all.some((y) => y.id === x.parentPartyId))) visit(p, 0);
  return out;
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useLabels();
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{t(`cases.status.${status}`)}</Tag>;
}

/** One case: intake, parties with their clocks, the allowed actions and the event-log timeline. */
export function CaseDetailPage() {
  const { id } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const catalog = useCatalog();
  const now = useNow();
  const { t, categoryPath, dept, regionName, duration } = useLabels();
  const [c, setC] = useState<CaseView | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [missing, setMissing] = useState(false);
  const load = useCallback(async () => {
    try {
      const [r, e] = await Promise.all([
        get<{ case: CaseView }>(`/api/v1/cases/${id}`),
        get<{ events: CaseEvent[] }>(`/api/v1/cases/${id}/events`),
      ]);
      setC(r.case);
      setEvents(e.events);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setMissing(true);
      else throw err;
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (missing) {
    return (
      <Result
        status="404"
        title={t('cases.detail.missing')}
        extra={<Button onClick={() => navigate(-1)}>{t('cases.detail.back')}</Button>}
      />
    );
  }
  if (!c || !user) return <Card loading />;
  const i = c.intake;
  const parties = treeOrder(c.parties);
  return (
    <>
      <PageHeader
        title={`${t('cases.detail.title')} ${c.number}`}
        extra={
          <Space>
            <StatusTag status={c.status} />
            <UrgencyTag urgency={i.urgency} />
            <Button onClick={() => navigate(-1)}>{t('cases.detail.back')}</Button>
          </Space>
        }
      />
      <Card size="small" title={t('cases.detail.actions')} style={{ marginBottom: 12 }}>
        <CaseActions
          c={c}
          user={user}
          catalog={catalog}
          onDone={() => {
            void load();
          }}
        />
      </Card>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title={t('cases.detail.intake')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={3} bordered data-testid="case-intake">
              <Descriptions.Item label={t('cases.field.type')}>{t(`cases.type.${i.type}`)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.field.channel')}>{t(`cases.channel.${i.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.field.createdAt')}>{fmtTime(c.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.field.callerName')}>{i.caller.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('cases.field.phone')} span={2}>
                {i.caller.phone ?? '—'}
                {i.caller.confidential && (
                  <Tag color="red" style={{ marginInlineStart: 8 }}>
                    {t('cases.field.confidential')}
                  </Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.field.category')} span={3}>
                {categoryPath(catalog, i.categoryCode)}
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.field.address')} span={3}>
                {[
                  regionName(catalog, i.address.districtCode),
                  regionName(catalog, i.address.streetCode),
                  i.address.community,
                  i.address.text,
                ]
                  .filter(Boolean)
                  .join(' · ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.field.description')} span={3}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {i.description}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.field.expectation')} span={3}>
                {i.expectation ?? '—'}
              </Descriptions.Item>
              {i.attachments?.length > 0 && (
                <Descriptions.Item label={t('cases.files.label')} span={3}>
                  <AttachmentList items={i.attachments} testId="intake-attachments" />
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('cases.register.timeLimit')} span={3}>
                {t('cases.clock.sign')} {duration(c.timeLimit.sign)} · {t('cases.clock.finish')}{' '}
                {duration(c.timeLimit.finish)}
                {c.round > 1 && (
                  <Tag color="volcano" style={{ marginInlineStart: 8 }}>
                    {t('cases.detail.round', { n: c.round })}
                  </Tag>
                )}
              </Descriptions.Item>
              {(c.parentCaseId || c.incidentId) && (
                <Descriptions.Item label={t('cases.detail.links')} span={3}>
                  {c.parentCaseId && (
                    <Link to={`/cases/${c.parentCaseId}`} data-testid="parent-case">
                      {t('cases.detail.duplicateOf')}
                    </Link>
                  )}
                  {c.incidentId && (
                    <Link to={`/incidents/${c.incidentId}`} data-testid="case-incident">
                      <Tag color="volcano" style={{ marginInlineStart: 8 }}>
                        {t('cases.event.incident_linked')} · {t('cases.detail.openIncident')}
                      </Tag>
                    </Link>
                  )}
                </Descriptions.Item>
              )}
              {c.directAnswer && (
                <Descriptions.Item label={t('cases.event.answered_directly')} span={3}>
                  {c.directAnswer}
                </Descriptions.Item>
              )}
              {c.closedAt && (
                <Descriptions.Item label={t('cases.event.closed')} span={3}>
                  {fmtTime(c.closedAt)} · {t(`cases.closeReason.${c.closeReason}`)}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title={t('cases.detail.parties')} style={{ marginBottom: 12 }}>
            <Table<Party>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={parties}
              locale={{ emptyText: <Empty description={t('cases.detail.noParties')} /> }}
              data-testid="case-parties"
              columns={[
                {
                  title: t('cases.field.department'),
                  dataIndex: 'departmentId',
                  width: 140,
                  render: (d: string, p) => (
                    <>
                      {p.parentPartyId && <span style={{ color: '#888' }}>└ </span>}
                      {dept(catalog, d)}
                      {p.fallback && <Tag style={{ marginInlineStart: 4 }}>{t('cases.arbitration.fallback')}</Tag>}
                    </>
                  ),
                },
                {
                  title: t('cases.party.role'),
                  dataIndex: 'role',
                  width: 60,
                  render: (r: string) => <Tag color={r === 'lead' ? 'blue' : 'cyan'}>{t(`cases.role.${r}`)}</Tag>,
                },
                {
                  title: t('cases.field.status'),
                  dataIndex: 'status',
                  width: 80,
                  render: (s: string, p) => (
                    <>
                      {t(`cases.partyStatus.${s}`)}
                      {p.round > 1 && (
                        <div style={{ color: '#888', fontSize: 12 }}>{t('cases.detail.round', { n: p.round })}</div>
                      )}
                    </>
                  ),
                },
                {
                  title: t('cases.clock.sign'),
                  key: 'sign',
                  width: 124,
                  render: (_: unknown, p) =>
                    p.status === 'withdrawn' && !p.signedAt ? (
                      '—'
                    ) : (
                      <>
                        <Countdown deadline={p.signDeadline} start={p.dispatchedAt} now={now} stoppedAt={p.signedAt} />
                        <div style={{ color: '#888', fontSize: 12 }}>{fmtTime(p.signedAt ?? p.signDeadline)}</div>
                      </>
                    ),
                },
                {
                  title: t('cases.clock.finish'),
                  key: 'finish',
                  width: 124,
                  render: (_: unknown, p) =>
                    p.status === 'withdrawn' ? (
                      '—'
                    ) : (
                      <>
                        <Countdown
                          deadline={p.finishDeadline}
                          start={p.dispatchedAt}
                          now={now}
                          stoppedAt={finished(p) ? p.repliedAt : null}
                        />
                        <div style={{ color: '#888', fontSize: 12 }}>
                          {fmtTime(finished(p) ? p.repliedAt : p.finishDeadline)}
                        </div>
                      </>
                    ),
                },
                {
                  title: t('cases.party.reply'),
                  key: 'reply',
                  render: (_: unknown, p) =>
                    p.reply && !finished(p) ? (
                      <span style={{ color: '#888' }}>
                        <Tag color="orange">{t('cases.action.sendBack')}</Tag>
                        {p.reply.content}
                      </span>
                    ) : p.reply ? (
                      <>
                        {p.reply.content}
                        <AttachmentList items={p.reply.attachments} testId="reply-attachments" />
                      </>
                    ) : p.lastReturn ? (
                      <span style={{ color: '#cf1322' }}>
                        {t(`cases.returnReason.${p.lastReturn.reason}`)}：{p.lastReturn.note}
                      </span>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </Card>
          <CaseLinksCard caseId={c.id} linkCount={c.links?.length ?? 0} />
          {(c.extensions.length > 0 || c.callbacks.length > 0) && (
            <Card size="small" title={t('cases.detail.extensionsCallbacks')}>
              {c.extensions.map((x) => (
                <div key={x.id} style={{ marginBottom: 6 }}>
                  <Tag color={x.status === 'pending' ? 'orange' : x.status === 'approved' ? 'green' : 'red'}>
                    {t(`cases.extension.${x.status}`)}
                  </Tag>
                  {dept(catalog, c.parties.find((p) => p.id === x.partyId)?.departmentId ?? '')} · {duration(x.extra)} ·{' '}
                  {x.reason}
                </div>
              ))}
              {c.callbacks.map((b) => (
                <div key={b.at} style={{ marginBottom: 6 }}>
                  <Tag color={b.reached ? 'cyan' : 'default'}>{t('cases.event.callback_recorded')}</Tag>
                  {fmtTime(b.at)} ·{' '}
                  {b.reached
                    ? `${b.resolved ? t('cases.callback.isResolved') : t('cases.callback.notResolved')} · ${t(`cases.satisfaction.${b.satisfaction}`)}`
                    : t('cases.callback.reachedNo')}
                  {b.note && ` · ${b.note}`}
                </div>
              ))}
            </Card>
          )}
        </Col>
        <Col span={8}>
          <Card size="small" title={t('cases.detail.timeline')}>
            <CaseTimeline c={c} events={events} catalog={catalog} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
