import { Button, Form, type FormInstance, Modal, Popconfirm, Space, Table, type TableProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formValues, useFailure, usePushNotice } from './common.tsx';

/** What every switch-configuration change answers: whether the switch got it now. */
export type Push = { switch: { connected: boolean } };

/** The row being edited in the form dialog, `'new'` for a new one, null while it is closed. */
export type Editing<T> = T | 'new' | null;

export interface CrudEditor<T> {
  form: FormInstance;
  editing: Editing<T>;
  /** Opens the dialog on a row (or a new one) with the form values `initial` gives. */
  open(row: T | 'new'): void;
  close(): void;
  /** Sends a change, says whether the switch got it, reloads; true when it succeeded. */
  run(p: Promise<Push>): Promise<boolean>;
  /** Validates the form, sends what `send` makes of its values, closes the dialog on success. */
  save(send: (values: Record<string, unknown>, editing: T | 'new') => Promise<Push>): Promise<void>;
}

/** Create / edit / delete of switch-configuration rows: the form dialog's state and the change round trip. */
export function useCrudEditor<T>(o: {
  reload: () => Promise<void>;
  initial: (row: T | 'new') => Record<string, unknown> | undefined;
}): CrudEditor<T> {
  const notice = usePushNotice();
  const fail = useFailure();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Editing<T>>(null);
  const run = async (p: Promise<Push>) => {
    try {
      notice(await p);
      await o.reload();
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };
  return {
    form,
    editing,
    open: (row) => {
      form.resetFields();
      const v = o.initial(row);
      if (v) form.setFieldsValue(v);
      setEditing(row);
    },
    close: () => setEditing(null),
    run,
    save: async (send) => {
      const v = await formValues<Record<string, unknown>>(form);
      if (!v || editing === null) return;
      if (await run(send(v, editing))) {
        form.resetFields();
        setEditing(null);
      }
    },
  };
}

/** A row's actions: anything extra (`children`), edit, and delete after a confirmation naming the row. */
export function RowActions(p: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
  /** Test ids of the buttons: `<prefix>-edit-<key>`, `<prefix>-delete-<key>`. */
  testIds?: { prefix: string; key: string };
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Space>
      {p.children}
      <Button size="small" onClick={p.onEdit} data-testid={p.testIds && `${p.testIds.prefix}-edit-${p.testIds.key}`}>
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={t('tel.deleteConfirm', { name: p.name })}
        onConfirm={p.onDelete}
        okText={t('common.yes')}
        cancelText={t('common.no')}
      >
        <Button size="small" danger data-testid={p.testIds && `${p.testIds.prefix}-delete-${p.testIds.key}`}>
          {t('tel.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** The create / edit dialog of a `useCrudEditor`, its form laid out vertically. */
export function CrudModal<T>(p: {
  editor: CrudEditor<T>;
  title: string;
  width?: number;
  onOk: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={p.editor.editing !== null}
      {...(p.width ? { width: p.width } : {})}
      title={p.title}
      onOk={p.onOk}
      onCancel={p.editor.close}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={p.editor.form} layout="vertical">
        {p.children}
      </Form>
    </Modal>
  );
}

/**
 * A page of switch-configuration rows: title with a "new" button, the table with edit / delete on
 * each row, and the create / edit dialog (`children`: its form fields).
 */
export function CrudTablePage<T extends object>(p: {
  title: string;
  newLabel: string;
  /** Test ids: `<testId>-new`, `<testId>-edit-<key>`, `<testId>-delete-<key>`. */
  testId: string;
  editor: CrudEditor<T>;
  rows: T[];
  rowKey: keyof T & string;
  columns: NonNullable<TableProps<T>['columns']>;
  pagination: TableProps<T>['pagination'];
  onDelete: (row: T) => void;
  dialogTitle: string;
  dialogWidth?: number;
  onSave: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const key = (r: T) => String(r[p.rowKey]);
  return (
    <>
      <PageHeader
        title={p.title}
        extra={
          <Button type="primary" onClick={() => p.editor.open('new')} data-testid={`${p.testId}-new`}>
            {p.newLabel}
          </Button>
        }
      />
      <Table<T>
        rowKey={p.rowKey}
        size="middle"
        dataSource={p.rows}
        pagination={p.pagination}
        columns={[
          ...p.columns,
          {
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, r: T) => (
              <RowActions
                name={key(r)}
                onEdit={() => p.editor.open(r)}
                onDelete={() => p.onDelete(r)}
                testIds={{ prefix: p.testId, key: key(r) }}
              />
            ),
          },
        ]}
      />
      <CrudModal
        editor={p.editor}
        title={p.dialogTitle}
        onOk={p.onSave}
        {...(p.dialogWidth ? { width: p.dialogWidth } : {})}
      >
        {p.children}
      </CrudModal>
    </>
  );
}
