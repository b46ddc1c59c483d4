// A minimal WebSocket server (RFC 6455, text frames only) over node:http, so the mock agent
// needs no dependency. For local screenshots and manual checks only.
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * Accepts WebSocket upgrades on `server` for which `accept(req)` is true.
 * @param {import('node:http').Server} server
 * @param {(req: any) => boolean} accept
 * @param {(socket: {send(text: string): void, close(): void, onmessage: ((text: string) => void)|null,
 *   onclose: (() => void)|null}, req: any) => void} onConnection
 */
export function attachWebSocket(server, accept, onConnection) {
  server.on('upgrade', (req, socket) => {
    if (!accept(req) || !req.headers['sec-websocket-key']) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const key = createHash('sha1').update(req.headers['sec-websocket-key'] + GUID).digest('base64');
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
      + `Sec-WebSocket-Accept: ${key}\r\n\r\n`);
    const conn = {
      onmessage: null,
      onclose: null,
      send(text) {
        const payload = Buffer.from(text, 'utf8');
        let header;
        if (payload.length < 126) header = Buffer.from([0x81, payload.length]);
        else if (payload.length < 65536) { header = Buffer.alloc(4); header[0] = 0x81; header[1] = 126; header.writeUInt16BE(payload.length, 2); }
        else { header = Buffer.alloc(10); header[0] = 0x81; header[1] = 127; header.writeBigUInt64BE(BigInt(payload.length), 2); }
        if (!socket.destroyed) socket.write(Buffer.concat([header, payload]));
      },
      close() {
        if (!socket.destroyed) socket.end(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
      },
    };
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0] & 0x0f;
        let len = buffer[1] & 0x7f;
        let offset = 2;
        if (len === 126) { if (buffer.length < 4) return; len = buffer.readUInt16BE(2); offset = 4; }
        else if (len === 127) { if (buffer.length < 10) return; len = Number(buffer.readBigUInt64BE(2)); offset = 10; }
        const masked = (buffer[1] & 0x80) !== 0;
        const maskLen = masked ? 4 : 0;
        if (buffer.length < offset + maskLen + len) return;
        const mask = masked ? buffer.subarray(offset, offset + 4) : null;
        const data = Buffer.from(buffer.subarray(offset + maskLen, offset + maskLen + len));
        if (mask) for (let i = 0; i < data.length; i++) data[i] ^= mask[i % 4];
        buffer = buffer.subarray(offset + maskLen + len);
        if (opcode === 0x1 && conn.onmessage) conn.onmessage(data.toString('utf8'));
        else if (opcode === 0x8) { conn.close(); socket.destroy(); }
        else if (opcode === 0x9) socket.write(Buffer.concat([Buffer.from([0x8a, data.length]), data]));
      }
    });
    socket.on('close', () => conn.onclose && conn.onclose());
    socket.on('error', () => {});
    onConnection(conn, req);
  });
}
