import {
  BoldOutlined,
  ClearOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  TableOutlined,
  UnderlineOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Divider, Input, Modal, Space, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n.tsx';
import { RichStyles } from './rich-styles.tsx';

const TABLE =
  '<table><tbody><tr><th>&nbsp;</th><th>&nbsp;</th><th>&nbsp;</th></tr>' +
  '<tr><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr></tbody></table><p><br></p>';

/**
 * 富文本编辑: a contentEditable area with a toolbar (headings, bold/italic/underline, lists, links,
 * a simple table) driven by `execCommand`. Emits HTML; the server sanitises it to the allowed
 * subset, so nothing the browser adds (spans, styles) survives saving. A controlled antd form field.
 */
export function RichTextEditor({
  value,
  onChange,
  label,
}: {
  value?: string;
  onChange?(html: string): void;
  label: string;
}) {
  const { t } = useI18n();
  const area = useRef<HTMLDivElement>(null);
  const saved = useRef<Range | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('https://');
  useEffect(() => {
    const el = area.current;
    if (el && el.innerHTML !== (value ?? '')) el.innerHTML = value ?? '';
  }, [value]);
  const emit = () => onChange?.(area.current?.innerHTML ?? '');
  const run = (command: string, arg?: string) => {
    area.current?.focus();
    document.execCommand(command, false, arg);
    emit();
  };
  const tool = (key: string, icon: ReactNode, onClick: () => void) => (
    <Tooltip title={t(`kb.rich.${key}`)} key={key}>
      <Button
        size="small"
        type="text"
        icon={icon}
        aria-label={t(`kb.rich.${key}`)}
        data-testid={`rich-${key}`}
        // keep the selection in the editing area
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
      />
    </Tooltip>
  );
  const text = (key: string, content: string, onClick: () => void) => (
    <Tooltip title={t(`kb.rich.${key}`)} key={key}>
      <Button
        size="small"
        type="text"
        data-testid={`rich-${key}`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
      >
        {content}
      </Button>
    </Tooltip>
  );
  const openLink = () => {
    const sel = window.getSelection();
    saved.current = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).cloneRange() : null;
    setHref('https://');
    setLinkOpen(true);
  };
  const insertLink = () => {
    setLinkOpen(false);
    const url = href.trim();
    if (!/^(https?:\/\/\S+|mailto:\S+|tel:[\d+-]+)$/i.test(url)) return;
    area.current?.focus();
    const sel = window.getSelection();
    if (saved.current && sel) {
      sel.removeAllRanges();
      sel.addRange(saved.current);
    }
    if (sel && sel.toString() === '') {
      const a = document.createElement('a');
      a.href = url;
      a.textContent = url;
      document.execCommand('insertHTML', false, a.outerHTML);
    } else {
      document.execCommand('createLink', false, url);
    }
    emit();
  };
  return (
    <div>
      <RichStyles />
      <Space size={0} wrap className="kb-rich-toolbar" style={{ display: 'flex' }} data-testid="rich-toolbar">
        {text('h2', t('kb.rich.h2.short'), () => run('formatBlock', '<h2>'))}
        {text('h3', t('kb.rich.h3.short'), () => run('formatBlock', '<h3>'))}
        {text('p', t('kb.rich.p.short'), () => run('formatBlock', '<p>'))}
        <Divider orientation="vertical" />
        {tool('bold', <BoldOutlined />, () => run('bold'))}
        {tool('italic', <ItalicOutlined />, () => run('italic'))}
        {tool('underline', <UnderlineOutlined />, () => run('underline'))}
        <Divider orientation="vertical" />
        {tool('ol', <OrderedListOutlined />, () => run('insertOrderedList'))}
        {tool('ul', <UnorderedListOutlined />, () => run('insertUnorderedList'))}
        {tool('link', <LinkOutlined />, openLink)}
        {tool('table', <TableOutlined />, () => run('insertHTML', TABLE))}
        <Divider orientation="vertical" />
        {tool('clear', <ClearOutlined />, () => run('removeFormat'))}
      </Space>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text editing area has no native element */}
      <div
        ref={area}
        className="kb-rich kb-rich-editor"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        tabIndex={0}
        data-testid="rich-editor"
        onInput={emit}
        onBlur={emit}
      />
      <Modal
        open={linkOpen}
        title={t('kb.rich.link')}
        onOk={insertLink}
        onCancel={() => setLinkOpen(false)}
        okText={t('kb.confirm')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Input
          autoFocus
          value={href}
          onChange={(e) => setHref(e.target.value)}
          onPressEnter={insertLink}
          placeholder={t('kb.rich.linkPlaceholder')}
          data-testid="rich-link-url"
        />
      </Modal>
    </div>
  );
}
