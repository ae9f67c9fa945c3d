import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyFile, extensionOf, sanitizeFileName } from './case-file-rules.ts';

const b = (...xs: (number | string)[]) =>
  new Uint8Array(xs.flatMap((x) => (typeof x === 'number' ? [x] : [...Buffer.from(x)])));
const classify = (declaredType: string, name: string, head: Uint8Array) =>
  classifyFile({ declaredType, name, head, size: head.length });

test('each allowed type is recognised by its signature', () => {
  const cases: [string, string, Uint8Array][] = [
    ['image/jpeg', 'a.jpg', b(0xff, 0xd8, 0xff, 0xe0)],
    ['image/png', 'a.png', b(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a)],
    ['image/gif', 'a.gif', b('GIF89a')],
    ['image/webp', 'a.webp', b('RIFF', 0, 0, 0, 0, 'WEBP')],
    ['application/pdf', 'a.pdf', b('%PDF-1.7')],
    ['application/msword', 'a.doc', b(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'a.xlsx', b('PK', 3, 4)],
    ['audio/wav', 'a.wav', b('RIFF', 0, 0, 0, 0, 'WAVE')],
    ['audio/mpeg', 'a.mp3', b('ID3', 4)],
    ['audio/amr', 'a.amr', b('#!AMR\n')],
    ['audio/mp4', 'a.m4a', b(0, 0, 0, 0x20, 'ftypM4A ')],
    ['video/mp4', 'a.mp4', b(0, 0, 0, 0x20, 'ftypisom')],
    ['text/plain', 'a.txt', b('路灯')],
  ];
  for (const [type, name, head] of cases) {
    const v = classify(type, name, head);
    assert.ok(v.ok, `${type}: ${JSON.stringify(v)}`);
    assert.equal(v.contentType, type);
  }
  assert.equal(
    (classify('image/jpg', 'a.jpeg', b(0xff, 0xd8, 0xff)) as { contentType: string }).contentType,
    'image/jpeg',
  );
  assert.equal((classify('audio/x-wav', 'a.wav', b('RIFF', 0, 0, 0, 0, 'WAVE')) as { kind: string }).kind, 'file');
  assert.equal(
    (classify('image/png', 'a.png', b(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a)) as { kind: string }).kind,
    'image',
  );
});

test('an executable renamed .jpg, a mismatched signature, an unknown type and binary "text" are refused', () => {
  const exe = classify('image/jpeg', 'photo.jpg', b('MZ', 0x90, 0));
  assert.deepEqual([exe.ok, !exe.ok && exe.code], [false, 'type_mismatch']);
  assert.equal(classify('application/octet-stream', 'photo.jpg', b('MZ')).ok, false);
  assert.equal(classify('text/plain', 'run.txt', b(0x7f, 'ELF', 2, 1)).ok, false);
  assert.equal(classify('image/png', 'a.png', b('%PDF-')).ok, false);
  assert.equal(classify('text/plain', 'a.txt', b('ab', 0, 'cd')).ok, false);
  const svg = classify('image/svg+xml', 'a.svg', b('<svg>'));
  assert.deepEqual([svg.ok, !svg.ok && svg.code], [false, 'unsupported_type']);
  assert.equal(classify('application/octet-stream', 'setup.exe', b('MZ')).ok, false);
  assert.equal(classify('image/png', 'a.exe', b(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a)).ok, false);
  assert.equal(classifyFile({ declaredType: 'text/plain', name: 'e.txt', head: b(), size: 0 }).ok, false);
});

test('names lose paths and control characters and keep their extension within 200 characters', () => {
  assert.equal(sanitizeFileName('C:\\Users\\x\\报告.pdf'), '报告.pdf');
  assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
  assert.equal(sanitizeFileName('a\u0000b\r\n"c".txt'), 'abc.txt');
  assert.equal(sanitizeFileName('...'), '');
  const long = sanitizeFileName(`${'字'.repeat(250)}.docx`);
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('.docx'));
  assert.equal(extensionOf('a.tar.GZ'), 'gz');
  assert.equal(extensionOf('.bashrc'), '');
  assert.equal((classify('text/plain', 'notes', b('x')) as { name: string }).name, 'notes.txt');
  assert.equal(classify('text/plain', '///', b('x')).ok, false);
});
