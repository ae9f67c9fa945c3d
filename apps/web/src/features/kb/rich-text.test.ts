import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editorHtml, htmlHasText, textToHtml } from './rich-text.ts';

test('a plain-text body becomes escaped paragraphs for the editor', () => {
  assert.equal(textToHtml('第一段\n第二行\n\n第二段'), '<p>第一段<br>第二行</p><p>第二段</p>');
  assert.equal(textToHtml('a < b & <script>x</script>'), '<p>a &lt; b &amp; &lt;script&gt;x&lt;/script&gt;</p>');
  assert.equal(textToHtml('\r\n\r\n  '), '');
  assert.equal(editorHtml('<p>x</p>', 'html'), '<p>x</p>');
  assert.equal(editorHtml('<p>x</p>', 'text'), '<p>&lt;p&gt;x&lt;/p&gt;</p>');
});

test('an editor with only markup is empty', () => {
  assert.equal(htmlHasText('<p><br></p>'), false);
  assert.equal(htmlHasText('<p>&nbsp;</p>'), false);
  assert.equal(htmlHasText('<ul><li>一</li></ul>'), true);
});
