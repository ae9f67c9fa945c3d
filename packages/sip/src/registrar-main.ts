/**
 * Runs the registrar as its own process (benches, manual tests):
 *   node packages/sip/src/registrar-main.ts --udp 5060 --tcp 5060 --realm hotline --users 1001:secret,1002:pw
 *   --users-range 1000-1999:secret   many users with one password   --no-guard   --tls 5061
 *   --algorithms MD5,SHA-256         digest challenge order
 * Prints one JSON line {"ready":true,"ports":{...}} when listening; SIGTERM/SIGINT stop it.
 */
import { parseArgs } from 'node:util';
import type { DigestAlgorithm } from './auth/digest.ts';
import { startRegistrarServer } from './registrar-server.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    udp: { type: 'string' },
    tcp: { type: 'string' },
    tls: { type: 'string' },
    realm: { type: 'string', default: 'hotline' },
    users: { type: 'string', default: '' },
    'users-range': { type: 'string' },
    'no-guard': { type: 'boolean', default: false },
    algorithms: { type: 'string' },
  },
});

const users: Record<string, string> = {};
for (const pair of values.users.split(',').filter(Boolean)) {
  const [u, p] = pair.split(':');
  if (u && p !== undefined) users[u] = p;
}
if (values['users-range']) {
  const m = /^(\d+)-(\d+):(.*)$/.exec(values['users-range']);
  if (m) for (let i = Number(m[1]); i <= Number(m[2]); i++) users[String(i)] = m[3] as string;
}
const port = (v: string | undefined) => (v === undefined ? null : Number(v));
const server = await startRegistrarServer({
  host: values.host,
  udpPort: port(values.udp),
  tcpPort: port(values.tcp),
  tlsPort: port(values.tls),
  realm: values.realm,
  credentials: users,
  guard: values['no-guard'] ? false : {},
  ...(values.algorithms ? { algorithms: values.algorithms.split(',') as DigestAlgorithm[] } : {}),
});
console.log(JSON.stringify({ ready: true, ports: server.ports }));
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
