import { Tag } from 'antd';
import { useI18n } from '../../shared/i18n.tsx';
import { type Incident, KIND_COLOR, KNOWN_KINDS } from './model.ts';

export function KindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  return (
    <Tag color={KIND_COLOR[kind] ?? 'default'}>{KNOWN_KINDS.includes(kind) ? t(`incidents.kind.${kind}`) : kind}</Tag>
  );
}

export function StatusTag({ status }: { status: Incident['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'open' ? 'red' : 'green'} data-testid="incident-status">
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}
