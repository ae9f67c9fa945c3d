import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import type { CaseView } from './model.ts';

interface OpenIncident {
  id: string;
  title: string;
}

/**
 * The open incidents (事件) a case may join: those matching its area and category first (marked),
 * then the other open ones. A form control (value = incident id; cleared = no incident).
 */
export function IncidentSelect({
  c,
  matchLabel,
  value,
  onChange,
}: {
  c: CaseView;
  matchLabel: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const { categoryCode, address } = c.intake;
  useEffect(() => {
    const q = new URLSearchParams({ categoryCode });
    if (address.districtCode) q.set('districtCode', address.districtCode);
    if (address.streetCode) q.set('streetCode', address.streetCode);
    Promise.all([
      get<{ incidents: OpenIncident[] }>(`/api/v1/case-incidents/suggestions?${q}`),
      get<{ items: OpenIncident[] }>('/api/v1/case-incidents?status=open&limit=200'),
    ]).then(
      ([matching, open]) => {
        const hit = new Set(matching.incidents.map((i) => i.id));
        setOptions([
          ...matching.incidents.map((i) => ({ value: i.id, label: `${i.title}（${matchLabel}）` })),
          ...open.items.filter((i) => !hit.has(i.id)).map((i) => ({ value: i.id, label: i.title })),
        ]);
      },
      () => setOptions([]),
    );
  }, [categoryCode, address.districtCode, address.streetCode, matchLabel]);
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      options={options}
      data-testid="link-incident"
    />
  );
}
