// One origin for the API (/v1/*, through the local gateway) and the H5 build of the mini-program (everything else).
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { MAX_BODY_BYTES } from '../../functions/lib/http';
import { serveDocs } from './docsPage';
import { jsonError, type LocalGateway } from './gateway';
import { h5State } from './h5';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Reads the body up to `limit` bytes; past it, stops keeping the bytes and reports `tooLarge`, so an oversized
 * request is refused whole (413) and never reaches a handler, whatever its first 64 KiB hold.
 */
function readBody(req: IncomingMessage, limit: number): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), tooLarge: size > limit }));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const reply = jsonError(status, code, message, randomUUID());
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function serveStatic(staticDir: string, urlPath: string, res: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    sendError(res, 400, 'BAD_REQUEST', '请求路径中含有无效的编码');
    return;
  }
  const safe = path.normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(staticDir, safe);
  if (!file.startsWith(staticDir) || !existsSync(file) || statSync(file).isDirectory()) {
    file = path.join(staticDir, 'index.html'); // client-side routes fall back to the app shell
  }
  if (!existsSync(file)) {
    const state = h5State();
    res.writeHead(503, {
      'content-type': 'text/html; charset=utf-8',
      'retry-after': '5',
      'cache-control': 'no-store',
    });
    res.end(
      state === 'building'
        ? '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>红色商圈</title>' +
            '<p style="font:16px sans-serif;padding:24px">H5 应用正在构建，完成后本页自动刷新（接口 /v1 已可用）…</p>'
        : '<!doctype html><meta charset="utf-8"><title>红色商圈</title>' +
            '<p style="font:16px sans-serif;padding:24px">H5 应用尚未构建或构建失败：请查看终端输出，或运行 npm run build:h5</p>',
    );
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
}

/** Node's own refusals (headers over 16 KiB, an unknown method, bytes a URL may not hold) in the contract's shape. */
function refuseMalformed(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const reply = tooLarge
    ? jsonError(431, 'HEADERS_TOO_LARGE', '请求头过大', randomUUID())
    : jsonError(400, 'BAD_REQUEST', '请求格式有误', randomUUID());
  const head = [
    `HTTP/1.1 ${reply.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}`,
    ...Object.entries(reply.headers).map(([k, v]) => `${k}: ${v}`),
    `content-length: ${Buffer.byteLength(reply.body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${reply.body}`);
}

export function createAppServer(gateway: LocalGateway, staticDir: string): Server {
  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    try {
      if (url === '/v1' || url.startsWith('/v1/')) {
        const { bytes: body, tooLarge } = await readBody(req, MAX_BODY_BYTES);
        if (tooLarge) {
          sendError(res, 413, 'PAYLOAD_TOO_LARGE', '请求内容过大（上限 64 KiB）');
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
        const result = await gateway.handle({
          method: req.method ?? 'GET',
          url,
          headers,
          body,
          sourceIp: req.socket.remoteAddress,
        });
        res.writeHead(result.status, result.headers);
        res.end(result.body);
        return;
      }
      if (serveDocs(url.split('?')[0], res)) return; // the API reference (docsPage.ts)
      serveStatic(staticDir, url.split('?')[0], res);
    } catch (err) {
      console.error(err);
      if (res.headersSent) res.end();
      else sendError(res, 500, 'INTERNAL_ERROR', '服务器内部错误');
    }
  });
  server.on('clientError', refuseMalformed);
  return server;
}
