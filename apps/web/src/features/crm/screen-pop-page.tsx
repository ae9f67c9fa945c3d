import { Alert, Button, Card, Col, Descriptions, Empty, Input, Radio, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { showValue } from './account-history.tsx';
import { CRM_EDITORS, ListTags, useErrorText, useHasRole } from './common.tsx';
import { ContactTimeline } from './contact-timeline.tsx';
import { CustomerForm } from './customer-form.tsx';
import type { AccountSchema, ScreenPop } from './types.ts';

type By = 'number' | 'account';

/**
 * 来电弹屏: what the agent sees for a caller number (or an account number entered in the IVR) —
 * the caller region (来电区域), carrier, black/white/VIP status, matching customers with their
 * accounts, and the recent contacts. `?number=` or `?account=` in the URL looks up directly;
 * "登记工单" opens the register page for the caller (with `?callId=`, the call is linked too).
 */
export function ScreenPopPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const canCreate = useHasRole(CRM_EDITORS);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const by: By = params.get('account') ? 'account' : 'number';
  const value = params.get('account') ?? params.get('number') ?? '';
  const [mode, setMode] = useState<By>(by);
  const [pop, setPop] = useState<ScreenPop | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [schemas, setSchemas] = useState<AccountSchema[]>([]);
  const [creating, setCreating] = useState(false);
  const lookup = useCallback(async () => {
    setError(null);
    setNotFound(false);
    setPop(null);
    if (!value) return;
    try {
      const [p, s] = await Promise.all([
        get<ScreenPop>(`/api/v1/crm/screen-pop?${by}=${encodeURIComponent(value)}`),
        get<{ schemas: AccountSchema[] }>('/api/v1/crm/account-schemas'),
      ]);
      setPop(p);
      setSchemas(s.schemas);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setNotFound(true);
      else setError(errorText(e));
    }
  }, [by, value, errorText]);
  useEffect(() => {
    void lookup();
  }, [lookup]);
  const submit = (v: string) => {
    const s = v.trim();
    if (s) setParams({ [mode]: s });
  };
  const black = pop?.lists.black;
  const callId = params.get('callId');
  /** 登记工单 for this caller: the register page with the number, the one matching customer, and the call. */
  const registerLink = () => {
    const q = new URLSearchParams({ phone: value.replace(/\s/g, '') });
    const only = pop?.customers.length === 1 ? pop.customers[0] : null;
    if (only?.name) q.set('name', only.name);
    if (only?.address) q.set('address', only.address);
    if (callId) q.set('callId', callId);
    return `/cases/new?${q}`;
  };
  return (
    <>
      <PageHeader title={t('crm.pop.title')} />
      <Space style={{ marginBottom: 16 }}>
        <Radio.Group
          optionType="button"
          value={mode}
          onChange={(e) => setMode(e.target.value as By)}
          options={[
            { value: 'number', label: t('crm.pop.byNumber') },
            { value: 'account', label: t('crm.pop.byAccount') },
          ]}
        />
        <Input.Search
          key={`${by}:${value}`}
          defaultValue={value}
          placeholder={mode === 'number' ? t('crm.pop.numberPlaceholder') : t('crm.pop.accountPlaceholder')}
          enterButton={t('crm.pop.lookup')}
          onSearch={submit}
          style={{ width: 420 }}
          data-testid="pop-input"
        />
      </Space>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      {notFound && <Empty description={t('crm.pop.noAccount', { account: value })} />}
      {!value && <Empty description={t('crm.pop.hint')} style={{ marginTop: 48 }} />}
      {pop && !pop.phone && by === 'number' && (
        <Alert type="warning" title={t('crm.pop.badNumber', { number: value })} />
      )}
      {pop && (pop.phone || by === 'account') && (
        <>
          {black && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('crm.pop.blackWarning', { reason: black.reason })}
              data-testid="pop-black"
            />
          )}
          <Row gutter={16}>
            <Col xs={24} xl={15}>
              {pop.phone && (
                <Card
                  size="small"
                  title={t('crm.pop.caller')}
                  style={{ marginBottom: 16 }}
                  extra={
                    canCreate && (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => navigate(registerLink())}
                        data-testid="pop-register-case"
                      >
                        {t('crm.pop.registerCase')}
                      </Button>
                    )
                  }
                >
                  <Descriptions
                    size="small"
                    column={2}
                    data-testid="pop-caller"
                    items={[
                      { key: 'n', label: t('crm.pop.number'), children: pop.phone.display },
                      { key: 'k', label: t('crm.pop.kind'), children: t(`crm.phoneKind.${pop.phone.kind}`) },
                      {
                        key: 'r',
                        label: t('crm.region'),
                        children: pop.region ? (
                          <Space size={4}>
                            <Typography.Text strong data-testid="pop-region">
                              {pop.region.label}
                            </Typography.Text>
                            {pop.region.cities.length > 1 && (
                              <Typography.Text type="secondary">
                                {t('crm.pop.cities', { cities: pop.region.cities.join('、') })}
                              </Typography.Text>
                            )}
                          </Space>
                        ) : (
                          t('crm.region.unknown')
                        ),
                      },
                      { key: 'c', label: t('crm.pop.carrier'), children: pop.carrier ?? '—' },
                      {
                        key: 'l',
                        label: t('crm.lists.status'),
                        span: 2,
                        children:
                          pop.lists.black || pop.lists.white || pop.lists.vip ? (
                            <ListTags status={pop.lists} />
                          ) : (
                            t('crm.lists.noneShort')
                          ),
                      },
                    ]}
                  />
                </Card>
              )}
              <Card
                size="small"
                title={t('crm.pop.matches', { n: pop.customers.length })}
                data-testid="pop-matches"
                extra={
                  pop.customers.length === 0 &&
                  canCreate &&
                  pop.phone && (
                    <Button size="small" type="primary" onClick={() => setCreating(true)} data-testid="pop-create">
                      {t('crm.customer.create')}
                    </Button>
                  )
                }
              >
                {pop.customers.length === 0 && (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.pop.noMatch')} />
                )}
                {pop.customers.map((c) => (
                  <div key={c.id} style={{ marginBottom: 12 }}>
                    <Space style={{ marginBottom: 6 }}>
                      <Link to={`/crm/customers/${c.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                        {c.name}
                      </Link>
                      <Tag>{t(`crm.kind.${c.kind}`)}</Tag>
                      <Typography.Text type="secondary">{c.phones.map((p) => p.raw).join('，')}</Typography.Text>
                    </Space>
                    {c.address && <div style={{ marginBottom: 6 }}>{c.address}</div>}
                    {c.accounts.map((a) => {
                      const schema = schemas.find((s) => s.id === a.schemaId);
                      return (
                        <Descriptions
                          key={a.id}
                          size="small"
                          bordered
                          column={2}
                          style={{ marginBottom: 8 }}
                          title={`${schema?.name ?? a.schemaId} ${a.accountNumber}`}
                          items={(schema?.fields ?? []).map((f) => ({
                            key: f.key,
                            label: f.label,
                            children: showValue(a.data[f.key], t),
                          }))}
                        />
                      );
                    })}
                  </div>
                ))}
              </Card>
            </Col>
            <Col xs={24} xl={9}>
              <Card size="small" title={t('crm.pop.recent')}>
                <ContactTimeline contacts={pop.recent} />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <CustomerForm
        open={creating}
        customer={null}
        initialPhone={value}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          void lookup();
        }}
      />
    </>
  );
}
