import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from '../../shared/auth.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { QueuesPage } from './queues.tsx';

const CENTER_QUEUES = ['to_dispatch', 'returned', 'extension', 'to_review', 'callback', 'overdue', 'all'] as const;

/** 工单中心: the center's work lists. */
export function CenterPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const canRegister = user?.roles.some((r) => r === 'agent' || r === 'supervisor' || r === 'admin');
  return (
    <QueuesPage
      title={t('cases.center.title')}
      endpoint="/api/v1/cases"
      queues={CENTER_QUEUES}
      extra={
        canRegister && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
            {t('menu.cases.register')}
          </Button>
        )
      }
    />
  );
}
