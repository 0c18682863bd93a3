// One origin for the API (/v1/*, through the local gateway) and the H5 build of the mini-program (everything else).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { LocalGateway } from './gateway';
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

/** Reads at most `limit` + 1 bytes, so an oversized body is refused by the handler without buffering it all. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit + 1) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(staticDir: string, urlPath: string, res: ServerResponse): void {
  const safe = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
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

export function createAppServer(gateway: LocalGateway, staticDir: string): Server {
  return createServer(async (req, res) => {
    const url = req.url ?? '/';
    try {
      if (url === '/v1' || url.startsWith('/v1/')) {
        const body = await readBody(req, 64 * 1024);
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
      serveStatic(staticDir, url.split('?')[0], res);
    } catch (err) {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: '服务器内部错误', requestId: '' } }),
      );
    }
  });
}
