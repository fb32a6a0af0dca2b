// Preload (node --import) that makes every way out to the network throw, and records each attempt in the file
// named by NO_NETWORK_LOG: the scope test asserts the CLI succeeds with it and the log stays empty.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.NO_NETWORK_LOG;
function refuse(what) {
  return function refused(...args) {
    const target = typeof args[0] === 'object' ? JSON.stringify(args[0])?.slice(0, 200) : String(args[0]);
    if (log) appendFileSync(log, `${what} ${target}\n`);
    throw new Error(`network disabled in this test: ${what}`);
  };
}
net.connect = net.createConnection = refuse('net.connect');
net.Socket.prototype.connect = refuse('net.Socket.connect');
tls.connect = refuse('tls.connect');
http.request = http.get = refuse('http.request');
https.request = https.get = refuse('https.request');
dns.lookup = refuse('dns.lookup');
dns.resolve = refuse('dns.resolve');
dns.promises.lookup = refuse('dns.promises.lookup');
dns.promises.resolve = refuse('dns.promises.resolve');
globalThis.fetch = refuse('fetch');
