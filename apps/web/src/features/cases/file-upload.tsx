import { UploadOutlined } from '@ant-design/icons';
import type { CaseFileLimitsResponse } from '@hotline/contracts';
import { App, Button, Form, Upload, type UploadFile, type UploadProps } from 'antd';
import { useEffect, useState } from 'react';
import { currentCsrfToken, get } from '../../shared/api.ts';
import { useLabels } from './catalog.tsx';

/** What `POST /api/v1/files` answers; kept on each UploadFile as its `response`. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

let limitsOnce: Promise<CaseFileLimitsResponse> | null = null;
/** The server's upload limit (HOTLINE_CASE_FILE_MAX_MB), asked once per page load; null until known. */
export function useFileLimits(): CaseFileLimitsResponse | null {
  const [limits, setLimits] = useState<CaseFileLimitsResponse | null>(null);
  useEffect(() => {
    limitsOnce ??= get<CaseFileLimitsResponse>('/api/v1/files/limits').catch((e: unknown) => {
      limitsOnce = null;
      throw e;
    });
    let live = true;
    limitsOnce.then(
      (l) => live && setLimits(l),
      () => live && setLimits(null),
    );
    return () => {
      live = false;
    };
  }, []);
  return limits;
}

/** The help line under an upload control: allowed types and the server's size limit. */
function FileUploadHelp() {
  const { t } = useLabels();
  const limits = useFileLimits();
  return (
    <span data-testid="case-file-help">
      {limits ? t('cases.files.help', { max: limits.maxMb }) : t('cases.files.helpTypes')}
    </span>
  );
}
const ACCEPT = '.jpg,.jpeg,.png,.webp,.gif,.pdf,.doc,.docx,.xls,.xlsx,.txt,.wav,.mp3,.amr,.m4a,.mp4';

type UploadAnswer = { file?: UploadedFile; error?: { message?: string; details?: { reason?: string } } };

function parseAnswer(text: string): UploadAnswer | null {
  try {
    return JSON.parse(text) as UploadAnswer;
  } catch {
    return null;
  }
}

/** The attachments a form sends: the finished uploads, by id. */
export function attachmentRefs(files: UploadFile<UploadedFile>[] | undefined): { fileId: string }[] {
  return (files ?? []).flatMap((f) => (f.status === 'done' && f.response?.id ? [{ fileId: f.response.id }] : []));
}

/** A form rule that keeps the form from being sent while a file is still uploading. */
function uploadsFinished(message: string) {
  return {
    validator: (_: unknown, files: UploadFile[] | undefined) =>
      (files ?? []).some((f) => f.status === 'uploading') ? Promise.reject(new Error(message)) : Promise.resolve(),
  };
}

/** Form.Item props that bind an upload list to a field. */
const uploadField = {
  valuePropName: 'fileList',
  // Checked when the form is sent (an upload in flight blocks it), not on every progress event.
  validateTrigger: [] as string[],
  getValueFromEvent: (e: { fileList: UploadFile[] }) => e.fileList.filter((f) => f.status !== 'error'),
};

/**
 * Attach files to an intake or a reply: each file is posted on its own as it is picked (with
 * progress, removable), and the server's refusals (too large, type not allowed, content not matching
 * its type) are shown in the user's language.
 */
export function CaseFileUpload(props: { fileList?: UploadFile[]; onChange?: (e: { fileList: UploadFile[] }) => void }) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const limits = useFileLimits();
  // A file over the limit is refused here, before it is sent (the server refuses it anyway: 413).
  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (limits && file.size > limits.maxBytes) {
      message.error(t('cases.files.tooLargeMax', { name: file.name, max: limits.maxMb }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };
  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const f = file as File;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/files?name=${encodeURIComponent(f.name)}`);
    xhr.setRequestHeader('content-type', f.type || 'application/octet-stream');
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.({ percent: Math.round((e.loaded / e.total) * 100) });
    };
    const refuse = (text: string) => {
      message.error(text);
      onError?.(new Error(text));
    };
    xhr.onload = () => {
      const data = parseAnswer(xhr.responseText);
      if (xhr.status === 201 && data?.file) return onSuccess?.(data.file);
      const reason = data?.error?.details?.reason;
      const name = f.name;
      if (xhr.status === 413) return refuse(t('cases.files.tooLarge', { name }));
      if (reason === 'unsupported_type') return refuse(t('cases.files.badType', { name }));
      if (reason === 'type_mismatch') return refuse(t('cases.files.mismatch', { name }));
      if (reason === 'empty') return refuse(t('cases.files.empty', { name }));
      refuse(t('cases.files.failed', { name, message: data?.error?.message ?? String(xhr.status) }));
    };
    xhr.onerror = () => refuse(t('cases.files.failed', { name: f.name, message: t('cases.files.network') }));
    xhr.send(f);
    return { abort: () => xhr.abort() };
  };
  return (
    <Upload
      multiple
      accept={ACCEPT}
      maxCount={20}
      fileList={props.fileList ?? []}
      onChange={(e) => props.onChange?.({ fileList: e.fileList })}
      beforeUpload={beforeUpload}
      customRequest={customRequest}
      data-testid="case-file-upload"
    >
      <Button icon={<UploadOutlined />}>{t('cases.files.add')}</Button>
    </Upload>
  );
}

/** The form's `files` field: the upload control with its help line; the form is not sent while a file is uploading. */
export function CaseFilesField() {
  const { t } = useLabels();
  return (
    <Form.Item
      name="files"
      label={t('cases.files.label')}
      extra={<FileUploadHelp />}
      rules={[uploadsFinished(t('cases.files.uploading'))]}
      {...uploadField}
    >
      <CaseFileUpload />
    </Form.Item>
  );
}
