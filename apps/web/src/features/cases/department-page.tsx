import { Tag } from 'antd';
import { useAuth } from '../../shared/auth.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { useCatalog } from './catalog.tsx';
import { QueuesPage } from './queues.tsx';

const DEPARTMENT_QUEUES = ['to_sign', 'in_progress', 'due_soon', 'overdue', 'returned', 'to_review'] as const;

/** 部门工单: a department's own cases (to sign, in progress, due soon, overdue, returned, children's replies). */
export function DepartmentPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const catalog = useCatalog();
  const name = catalog?.departments.find((d) => d.id === user?.departmentId)?.name;
  return (
    <QueuesPage
      title={t('cases.department.title')}
      endpoint="/api/v1/department/cases"
      queues={DEPARTMENT_QUEUES}
      showParty
      extra={
        name && (
          <Tag color="blue" style={{ fontSize: 14, padding: '4px 10px' }}>
            {name}
          </Tag>
        )
      }
    />
  );
}
