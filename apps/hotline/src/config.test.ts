import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('defaults work on a laptop', () => {
  const c = loadConfig({}, '/tmp/x');
  assert.equal(c.httpPort, 8080);
  assert.equal(c.sipPort, 5060);
  assert.equal(c.dbDir, '/tmp/x/var/db');
  assert.equal(c.databaseUrl, undefined);
});

test('every bad key is named with its reason, in one error', () => {
  try {
    loadConfig({ HOTLINE_HTTP_PORT: 'eighty', DATABASE_URL: 'mysql://x', HOTLINE_LOG_LEVEL: 'loud', HOTLINE_FOO: '1' });
    assert.fail('expected a ConfigError');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    const text = e.problems.join('\n');
    assert.match(text, /httpPort \(HOTLINE_HTTP_PORT\)/);
    assert.match(text, /databaseUrl \(DATABASE_URL\): must be a postgres:\/\/ URL/);
    assert.match(text, /logLevel \(HOTLINE_LOG_LEVEL\)/);
    assert.match(text, /HOTLINE_FOO: unknown setting/);
    assert.equal(e.problems.length, 4);
  }
});

test('rtp range must be ordered', () => {
  assert.throws(
    () => loadConfig({ HOTLINE_RTP_PORT_MIN: '40000', HOTLINE_RTP_PORT_MAX: '30000' }),
    /rtpPortMin.*must be below/,
  );
});
