import { Empty, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../shared/i18n.tsx';
import { formatTime } from './common.tsx';
import type { Contact } from './types.ts';

const CHANNEL_COLOR: Record<Contact['channel'], string> = {
  call: 'blue',
  case: 'purple',
  sms: 'cyan',
  email: 'geekblue',
  chat: 'green',
  wechat: 'green',
  visit: 'orange',
};

/** 客户联络历史: calls, cases and messages across channels, newest first. */
export function ContactTimeline({ contacts }: { contacts: Contact[] }) {
  const { t } = useI18n();
  if (contacts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.timeline.none')} />;
  return (
    <Timeline
      data-testid="contact-timeline"
      items={contacts.map((c) => ({
        key: c.id,
        color: CHANNEL_COLOR[c.channel] ?? 'gray',
        content: (
          <div>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatTime(c.at)}
            </Typography.Text>
            <Tag color={CHANNEL_COLOR[c.channel]}>{t(`crm.channel.${c.channel}`)}</Tag>
            <Typography.Text type="secondary" style={{ marginRight: 8 }}>
              {t(`crm.direction.${c.direction}`)}
            </Typography.Text>
            {c.summary}
          </div>
        ),
      }))}
    />
  );
}
