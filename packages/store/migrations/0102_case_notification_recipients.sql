-- Deadline alerts to people. A case_notifications row is one alert (party × clock × level × due
-- instant: unique, so a scan that runs twice writes nothing new); each user who should see it gets a
-- recipient row with its own read mark. The deadline is kept beside the warning instant for display.
alter table case_notifications add column deadline timestamptz;

create table case_notification_recipients (
  user_id uuid not null references users(id),
  notification_id bigint not null references case_notifications(id),
  created_at timestamptz not null,
  read_at timestamptz,
  primary key (user_id, notification_id)
);
create index case_notification_recipients_unread_idx on case_notification_recipients(user_id)
  where read_at is null;

-- How far the deadline scan got, so alerts falling due while control was down are still sent.
create table case_alert_watermarks (
  name text primary key,
  scanned_until timestamptz not null
);
