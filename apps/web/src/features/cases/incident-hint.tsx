import { AlertOutlined } from '@ant-design/icons';
import { Alert, Checkbox, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../shared/api.ts';
import { useLabels } from './catalog.tsx';

interface SuggestedIncident {
  id: string;
  title: string;
  kind: string;
  notice: string;
  startsAt: number;
}

/**
 * The open incidents (事件) an intake with this category and area matches, shown on the register
 * page as it is filled in: the title and the notice (对外口径) the agent can read to the caller, and
 * "关联此事件" — a form control whose value is the chosen incident's id (at most one).
 */
export function IncidentHint({
  categoryCode,
  districtCode,
  streetCode,
  value,
  onChange,
}: {
  categoryCode?: string;
  districtCode?: string;
  streetCode?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useLabels();
  const [incidents, setIncidents] = useState<SuggestedIncident[]>([]);
  useEffect(() => {
    // Without an area only city-wide incidents match; the server applies the rule.
    if (!categoryCode) return setIncidents([]);
    const q = new URLSearchParams({ categoryCode });
    if (districtCode) q.set('districtCode', districtCode);
    if (streetCode) q.set('streetCode', streetCode);
    let live = true;
    get<{ incidents: SuggestedIncident[] }>(`/api/v1/case-incidents/suggestions?${q}`).then(
      (r) => live && setIncidents(r.incidents),
      () => live && setIncidents([]),
    );
    return () => {
      live = false;
    };
  }, [categoryCode, districtCode, streetCode]);
  // A chosen incident that no longer matches (area or category changed) is let go.
  useEffect(() => {
    if (value && !incidents.some((i) => i.id === value)) onChange?.(null);
  }, [incidents, value, onChange]);
  if (incidents.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<AlertOutlined />}
      style={{ marginBottom: 12 }}
      data-testid="incident-hint"
      title={t('cases.register.incidentHint', { n: incidents.length })}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          {incidents.map((i) => (
            <div key={i.id} data-testid="incident-hint-item">
              <Space wrap>
                <Link to={`/incidents/${i.id}`} target="_blank" style={{ fontWeight: 600 }}>
                  {i.title}
                </Link>
                <Checkbox
                  checked={value === i.id}
                  onChange={(e) => onChange?.(e.target.checked ? i.id : null)}
                  data-testid="incident-hint-link"
                >
                  {t('cases.register.linkIncident')}
                </Checkbox>
              </Space>
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                <Typography.Text type="secondary">{t('cases.register.incidentNotice')}</Typography.Text>
                {i.notice || '—'}
              </Typography.Paragraph>
            </div>
          ))}
        </Space>
      }
    />
  );
}
