// Outgoing network from tests is an error: only loopback connections are allowed.
import net from 'node:net';

const LOOPBACK = /^(127\.|::1$|localhost$|::ffff:127\.)/;
const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string;
  const host = typeof first === 'object' && first !== null ? (first.path ? 'localhost' : (first.host ?? 'localhost')) : typeof args[1] === 'string' ? args[1] : 'localhost';
  if (typeof first === 'string' && !/^\d+$/.test(first)) return original.apply(this, args as never); // a unix socket path
  if (!LOOPBACK.test(host)) throw new Error(`test tried to reach ${host}: outgoing network is not allowed in tests`);
  return original.apply(this, args as never);
} as typeof net.Socket.prototype.connect;
