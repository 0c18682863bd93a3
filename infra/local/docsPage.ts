// `npm start` serves the API reference: GET /docs (a readable page, rendered here from docs/openapi.json, no script
// and no network) and GET /docs/openapi.json (the document itself).
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { ROOT } from './serverlessConfig';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPENAPI_FILE = path.join(ROOT, 'docs', 'openapi.json');

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function operationHtml(pathKey: string, method: string, op: Json): string {
  const params = (op.parameters ?? []) as Json[];
  const paramRows = params
    .map(
      (p) =>
        `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? '必填' : '可选'}</td>` +
        `<td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`,
    )
    .join('');
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses as Json)
    .map(([status, r]) => `<li><b>${status}</b> ${escape((r as Json).description)}</li>`)
    .join('');
  return `<section id="${escape(op.operationId)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(pathKey)}</code></h3>
<p>${escape(op.description ?? '')}</p>
${paramRows ? `<table><tr><th>参数</th><th>位置</th><th></th><th>格式</th></tr>${paramRows}</table>` : ''}
${body ? `<details><summary>请求体</summary><pre>${escape(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<ul>${responses}</ul>
</section>`;
}

export function docsHtml(doc: Json): string {
  const sections: string[] = [];
  const index: string[] = [];
  for (const [pathKey, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      sections.push(operationHtml(pathKey, method, op as Json));
      index.push(
        `<li><a href="#${escape((op as Json).operationId)}">${method.toUpperCase()} ${escape(pathKey)}</a></li>`,
      );
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0;display:flex}nav{width:320px;height:100vh;overflow:auto;position:sticky;top:0;background:#faf5f5;padding:12px;box-sizing:border-box}
nav ul{list-style:none;padding:0;font-size:12px}main{flex:1;padding:16px 24px;max-width:960px}section{border-bottom:1px solid #eee;padding:8px 0}
.m{display:inline-block;min-width:56px;text-align:center;color:#fff;border-radius:4px;padding:0 6px;font-size:12px}.get{background:#2a7}.post{background:#c33}.put,.patch{background:#d80}.delete{background:#666}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:320px}
</style></head><body><nav><b>${escape(doc.info.title)}</b> <small>v${escape(doc.info.version)}</small>
<p><a href="/docs/openapi.json">openapi.json</a></p><ul>${index.join('')}</ul></nav>
<main><h1>${escape(doc.info.title)}</h1><p>${escape(doc.info.description ?? '')}</p>${sections.join('\n')}</main></body></html>`;
}

/** Answers /docs and /docs/openapi.json; false for any other path. */
export function serveDocs(urlPath: string, res: ServerResponse): boolean {
  if (urlPath !== '/docs' && urlPath !== '/docs/' && urlPath !== '/docs/openapi.json') return false;
  const text = readFileSync(OPENAPI_FILE, 'utf8');
  if (urlPath === '/docs/openapi.json') {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(text);
  } else {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(docsHtml(JSON.parse(text) as Json));
  }
  return true;
}
