import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Result, Select, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { useErrorText } from './common.tsx';
import { localizeProblem } from './problem-text.ts';
import type { AccountSchema, ImportProblem, ImportReport } from './types.ts';

interface Picked {
  name: string;
  format: 'csv' | 'xlsx';
  data: string;
}

/** CSV exported by Excel on Chinese Windows is GB18030; try UTF-8 strictly first. */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function readFile(file: File): Promise<Picked> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.xlsx$/i.test(file.name)) return { name: file.name, format: 'xlsx', data: toBase64(bytes) };
  return { name: file.name, format: 'csv', data: decodeCsv(bytes) };
}

const BASE_COLUMNS = ['类型', '姓名', '电话', '证件号码', '地址', '邮箱', '备注'];

/** 客户导入: csv/xlsx → the validation report of every bad row (nothing imported) or the count imported. */
export function ImportPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [schemas, setSchemas] = useState<AccountSchema[]>([]);
  const [schemaId, setSchemaId] = useState<string | null>(null);
  const [areaCode, setAreaCode] = useState('');
  const [file, setFile] = useState<Picked | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ schemas: AccountSchema[] }>('/api/v1/crm/account-schemas')
      .then((r) => setSchemas(r.schemas))
      .catch((e: unknown) => setError(errorText(e)));
  }, [errorText]);
  const schema = schemas.find((s) => s.id === schemaId);
  const template = () => {
    const cols = [...BASE_COLUMNS, ...(schema ? ['户号', ...schema.fields.map((f) => f.label)] : [])];
    const blob = new Blob([`\uFEFF${cols.join(',')}\n`], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `customers-template${schema ? `-${schema.id}` : ''}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = await post<ImportReport>('/api/v1/crm/import', {
        format: file.format,
        data: file.data,
        fileName: file.name,
        schemaId,
        ...(areaCode.trim() ? { defaultAreaCode: areaCode.trim() } : {}),
      });
      setReport(r);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const badRows = report ? new Set(report.problems.map((p) => p.row)).size : 0;
  return (
    <>
      <PageHeader title={t('crm.import.title')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" size="small" style={{ rowGap: 8 }}>
          <Form.Item label={t('crm.import.schema')}>
            <Select
              style={{ width: 180 }}
              value={schemaId ?? ''}
              onChange={(v: string) => setSchemaId(v || null)}
              options={[
                { value: '', label: t('crm.import.noSchema') },
                ...schemas.map((s) => ({ value: s.id, label: s.name })),
              ]}
              data-testid="import-schema"
            />
          </Form.Item>
          <Form.Item label={t('crm.import.areaCode')} tooltip={t('crm.import.areaCodeHelp')}>
            <Input
              style={{ width: 90 }}
              value={areaCode}
              onChange={(e) => setAreaCode(e.target.value)}
              placeholder="0571"
              data-testid="import-area"
            />
          </Form.Item>
          <Form.Item>
            <Upload
              accept=".csv,.xlsx,text/csv"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                void readFile(f).then((p) => {
                  setFile(p);
                  setReport(null);
                });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="import-pick">
                {t('crm.import.pick')}
              </Button>
            </Upload>
          </Form.Item>
          {file && (
            <Form.Item>
              <Typography.Text data-testid="import-file">{file.name}</Typography.Text>
            </Form.Item>
          )}
          <Form.Item>
            <Space>
              <Button
                type="primary"
                disabled={!file}
                loading={busy}
                onClick={() => void run()}
                data-testid="import-run"
              >
                {t('crm.import.run')}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={template}>
                {t('crm.import.template')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('crm.import.help')}
        </Typography.Paragraph>
      </Card>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      {report?.ok && (
        <Result
          status="success"
          title={t('crm.import.done', { n: report.imported })}
          subTitle={t('crm.import.doneSub', { file: file?.name ?? '' })}
          data-testid="import-success"
        />
      )}
      {report && !report.ok && (
        <Card size="small" data-testid="import-report">
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('crm.import.failed', { problems: report.problems.length, rows: badRows })}
            description={t('crm.import.failedSub', { total: report.total, valid: report.valid })}
          />
          <Table
            rowKey={(p: ImportProblem) => `${p.row}-${p.column ?? ''}-${p.message}`}
            size="small"
            dataSource={report.problems}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              {
                title: t('crm.import.row'),
                dataIndex: 'row',
                width: 90,
                render: (r: number) => t('crm.import.rowN', { n: r }),
              },
              { title: t('crm.import.column'), dataIndex: 'column', width: 140, render: (c: string | null) => c ?? '' },
              { title: t('crm.import.problem'), dataIndex: 'message', render: (m: string) => localizeProblem(m, t) },
            ]}
          />
        </Card>
      )}
    </>
  );
}
