import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { seedCaseCatalog } from '@hotline/cases';
import { sql } from '@hotline/store';
import { type Client, type Harness, loginDemo, startHarness } from '../../../test/harness.ts';

let h: Harness;
let ids: Map<string, string>;
let agent: Client;
let agent2: Client;
let water: Client;
let dongcheng: Client;
let qa: Client;

before(async () => {
  h = await startHarness();
  ids = await seedCaseCatalog(h.store);
  ({ agent, agent2, water, dongcheng, qa } = await loginDemo(h.app, 'agent', 'agent2', 'water', 'dongcheng', 'qa'));
});
after(async () => h.close());

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(`IHDR-${Math.random()}`),
]);
const PDF = Buffer.from(`%PDF-1.4\n% test ${Math.random()}\n`);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

type FileJson = { file: { id: string; name: string; size: number; contentType: string; sha256: string } };
type CaseJson = {
  case: {
    id: string;
    parties: { id: string; reply: { attachments: { fileId?: string; name: string; size?: number }[] } | null }[];
    intake: { attachments: { fileId?: string; name: string; size?: number; kind: string }[] };
  };
};

async function upload(c: Client, body: Buffer, type: string, name: string) {
  const r = await h.app.inject({
    method: 'POST',
    url: `/api/v1/files?name=${encodeURIComponent(name)}`,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type },
    payload: body,
  });
  return { status: r.statusCode, json: r.json() as FileJson & { error?: { code: string; message: string } } };
}

const download = (c: Client, id: string, q = '') =>
  h.app.inject({ method: 'GET', url: `/api/v1/files/${id}${q}`, headers: { cookie: c.cookie } });

const intake = (attachments: unknown[]) => ({
  type: 'repair',
  categoryCode: '030201',
  caller: { name: '李女士', phone: '13800002222', confidential: false },
  address: { text: '东城区和平街道和平路1号', districtCode: '330102' },
  description: '自来水发黄',
  attachments,
});

const caseCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from cases`.execute(h.store.db)).rows[0]!.n);

test('upload: stored by type and content, the uploader alone can fetch it until it is attached', async () => {
  const up = await upload(agent, PNG, 'image/png', '../../现场照片.png');
  assert.equal(up.status, 201, JSON.stringify(up.json));
  const f = up.json.file;
  assert.equal(f.name, '现场照片.png', 'path segments stripped');
  assert.equal(f.size, PNG.length);
  assert.equal(f.sha256, createHash('sha256').update(PNG).digest('hex'));
  const mine = await download(agent, f.id);
  assert.equal(mine.statusCode, 200);
  assert.deepEqual(mine.rawPayload, PNG);
  assert.equal(mine.headers['content-type'], 'image/png');
  assert.equal(mine.headers['x-content-type-options'], 'nosniff');
  assert.match(String(mine.headers['content-disposition']), /^attachment; filename="_+\.png"; filename\*=UTF-8''/);
  assert.match(String((await download(agent, f.id, '?inline=1')).headers['content-disposition']), /^inline;/);
  // Not yet on a case: nobody else, not even another agent or an admin-like center role.
  assert.equal((await download(agent2, f.id)).statusCode, 404);
  assert.equal((await download(water, f.id)).statusCode, 404);
  assert.equal((await download(agent, '00000000-0000-4000-8000-000000000000')).statusCode, 404);
  // QA and leaders may read case files but not upload them.
  assert.equal((await upload(qa, PNG, 'image/png', 'a.png')).status, 403);
  const audit = await sql<{ action: string }>`select action from audit_log where target_id = ${f.id}`.execute(
    h.store.db,
  );
  assert.ok(audit.rows.some((r) => r.action === 'case_file.upload'));
  assert.ok(audit.rows.some((r) => r.action === 'case_file.download'));
});

test('upload: type allow-list checked against the bytes, names and sizes limited', async () => {
  const exe = await upload(agent, EXE, 'image/jpeg', 'photo.jpg');
  assert.equal(exe.status, 400);
  assert.equal(exe.json.error!.code, 'validation_failed');
  assert.match(exe.json.error!.message, /not image\/jpeg/);
  const exe2 = await upload(agent, EXE, 'application/x-msdownload', 'setup.exe');
  assert.equal(exe2.status, 400);
  assert.match(exe2.json.error!.message, /not allowed/);
  const pdfAsPng = await upload(agent, PDF, 'image/png', 'x.png');
  assert.equal(pdfAsPng.status, 400);
  const wrongExt = await upload(agent, PNG, 'image/png', 'photo.exe');
  assert.equal(wrongExt.status, 400);
  assert.match(wrongExt.json.error!.message, /\.exe/);
  // A type that says nothing: the extension decides, and the bytes must agree.
  const octet = await upload(agent, PDF, 'application/octet-stream', '通知.pdf');
  assert.equal(octet.status, 201);
  assert.equal(octet.json.file.contentType, 'application/pdf');
  const text = await upload(agent, Buffer.from('路灯不亮\n'), 'text/plain; charset=utf-8', '说明');
  assert.equal(text.status, 201);
  assert.equal(text.json.file.name, '说明.txt', 'the extension of the type is added');
  assert.equal((await upload(agent, Buffer.alloc(0), 'text/plain', 'empty.txt')).status, 400);
  const long = await upload(agent, PNG, 'image/png', `${'长'.repeat(300)}.png`);
  assert.equal(long.status, 201);
  assert.equal([...long.json.file.name].length, 200);
  assert.ok(long.json.file.name.endsWith('.png'));
  const big = await upload(agent, Buffer.alloc(20 * 1024 * 1024 + 1, 0x20), 'text/plain', 'big.txt');
  assert.equal(big.status, 413);
  assert.equal(big.json.error!.code, 'payload_too_large');
});

test('register and reply bind uploads to the case once; the case view decides who may download', async () => {
  const photo = (await upload(agent, PNG, 'image/png', '现场.png')).json.file;
  const before = await caseCount();
  // Someone else's upload, an unknown id, a duplicate: refused, nothing changed.
  const other = (await upload(agent2, PDF, 'application/pdf', '别人的.pdf')).json.file;
  const stolen = await agent.request('POST', '/api/v1/cases', intake([{ fileId: photo.id }, { fileId: other.id }]));
  assert.equal(stolen.status, 400);
  assert.match(JSON.stringify(stolen.json), /uploaded by someone else/);
  const unknown = await agent.request(
    'POST',
    '/api/v1/cases',
    intake([{ fileId: '00000000-0000-4000-8000-00000000000a' }]),
  );
  assert.equal(unknown.status, 400);
  const twice = await agent.request('POST', '/api/v1/cases', intake([{ fileId: photo.id }, { fileId: photo.id }]));
  assert.equal(twice.status, 400);
  assert.equal(await caseCount(), before, 'no case registered by a refused intake');
  assert.equal((await download(agent2, photo.id)).statusCode, 404, 'still unbound');

  const created = await agent.request('POST', '/api/v1/cases', intake([{ fileId: photo.id }]));
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const c = (created.json as CaseJson).case;
  assert.deepEqual(c.intake.attachments, [
    { kind: 'image', name: '现场.png', fileId: photo.id, size: PNG.length, contentType: 'image/png' },
  ]);
  // Bound: every center user sees the case, so may download; departments not on it may not.
  assert.equal((await download(agent2, photo.id)).statusCode, 200);
  assert.equal((await download(qa, photo.id)).statusCode, 200);
  assert.equal((await download(water, photo.id)).statusCode, 404);
  // Bound once: it cannot be attached to a second case.
  const reuse = await agent.request('POST', '/api/v1/cases', intake([{ fileId: photo.id }]));
  assert.equal(reuse.status, 400);
  assert.match(JSON.stringify(reuse.json), /another case/);

  const cmd = (cl: Client, body: unknown) => cl.request('POST', `/api/v1/cases/${c.id}/commands`, body);
  const d = await cmd(agent, { type: 'dispatch', parties: [{ departmentId: ids.get('WATER'), role: 'lead' }] });
  const partyId = (d.json as CaseJson).case.parties[0]!.id;
  assert.equal((await download(water, photo.id)).statusCode, 200, 'the assigned department now sees it');
  assert.equal((await download(dongcheng, photo.id)).statusCode, 404, 'another department does not');
  assert.equal((await cmd(water, { type: 'sign', partyId })).status, 200);

  const report = (await upload(water, PDF, 'application/pdf', '处理报告.pdf')).json.file;
  const agentsFile = (await upload(agent, PDF, 'application/pdf', '坐席.pdf')).json.file;
  const bad = await cmd(water, {
    type: 'reply',
    partyId,
    content: '已处理',
    attachments: [{ fileId: report.id }, { fileId: agentsFile.id }],
  });
  assert.equal(bad.status, 400);
  assert.equal((await download(agent, report.id)).statusCode, 404, 'the refused reply bound nothing');
  const replied = await cmd(water, { type: 'reply', partyId, content: '已处理', attachments: [{ fileId: report.id }] });
  assert.equal(replied.status, 200, JSON.stringify(replied.json));
  const party = (replied.json as CaseJson).case.parties[0]!;
  assert.equal(party.reply!.attachments[0]!.fileId, report.id);
  assert.equal(party.reply!.attachments[0]!.name, '处理报告.pdf');
  const got = await download(agent, report.id);
  assert.equal(got.statusCode, 200);
  assert.deepEqual(got.rawPayload, PDF);
  assert.equal((await download(dongcheng, report.id)).statusCode, 404);
  // The replay of the log still equals the snapshot.
  const ev = await agent.request('GET', `/api/v1/cases/${c.id}/events`);
  assert.ok(JSON.stringify(ev.json).includes(report.id));
});

test('links stay links: an http(s) url attachment is accepted, other schemes are not', async () => {
  const ok = await agent.request(
    'POST',
    '/api/v1/cases',
    intake([{ kind: 'image', name: 'media', url: 'https://example.org/p.jpg' }]),
  );
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  const bad = await agent.request(
    'POST',
    '/api/v1/cases',
    intake([{ kind: 'image', name: 'media', url: 'javascript:alert(1)' }]),
  );
  assert.equal(bad.status, 400);
});
