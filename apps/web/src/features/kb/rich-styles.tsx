/** Styles of article bodies (sanitised HTML) in the editor and on the article page. */
const CSS = `
.kb-rich {
  font-size: 15px;
  line-height: 1.8;
  overflow-wrap: anywhere;
}
.kb-rich h2 {
  font-size: 18px;
  margin: 12px 0 6px;
}
.kb-rich h3,
.kb-rich h4 {
  font-size: 16px;
  margin: 10px 0 4px;
}
.kb-rich p {
  margin: 0 0 8px;
}
.kb-rich ul,
.kb-rich ol {
  margin: 0 0 8px;
  padding-left: 24px;
}
.kb-rich blockquote {
  margin: 0 0 8px;
  padding-left: 12px;
  border-left: 3px solid #d9d9d9;
  color: #555;
}
.kb-rich table {
  border-collapse: collapse;
  margin: 0 0 8px;
  max-width: 100%;
}
.kb-rich th,
.kb-rich td {
  border: 1px solid #d9d9d9;
  padding: 4px 10px;
  min-width: 60px;
  vertical-align: top;
}
.kb-rich th {
  background: #fafafa;
}
.kb-rich-editor {
  min-height: 320px;
  max-height: 640px;
  overflow: auto;
  padding: 8px 12px;
  border: 1px solid #d9d9d9;
  border-top: none;
  border-radius: 0 0 6px 6px;
  outline: none;
}
.kb-rich-editor:focus {
  border-color: #1677ff;
}
.kb-rich-toolbar {
  padding: 4px;
  border: 1px solid #d9d9d9;
  border-radius: 6px 6px 0 0;
  background: #fafafa;
}
`;

/** Rendered where a rich body appears; React hoists it into the head once (same `href`). */
export function RichStyles() {
  return (
    <style href="kb-rich-text" precedence="default">
      {CSS}
    </style>
  );
}
