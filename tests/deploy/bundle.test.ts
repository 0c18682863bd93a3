// Lean functions (issue 16), checked on what is deployed: every function's zip as `npm run package` writes it
// (.serverless/<function>.zip) holds no source map, its main file (the handler's bundle) is at most 150 KB and points
// at no source map, no function asks Node to read source maps (there are none; the flag costs every cold start), and
// no function carries zod's classic API (its schemas cost a cold start ~60% more to build than `zod/mini`'s).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { ensurePackaged, OUT_DIR, TEMPLATE } from './packaged';

const MAX_MAIN_BYTES = 150 * 1024;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ZipEntry {
  name: string;
  size: number;
  read: () => Buffer;
}

/** The entries of a zip file (its central directory; stored or deflated entries, as serverless writes them). */
function zipEntries(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file}: not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({
      name,
      size,
      read: () => {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressed);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${file}: ${name} is compressed with method ${method}`);
      },
    });
  }
  return entries;
}

let functions: [string, Json][] = [];
let packageError: unknown;
beforeAll(() => {
  try {
    ensurePackaged();
    const resources = (JSON.parse(readFileSync(TEMPLATE, 'utf8')) as Json).Resources as Record<string, Json>;
    functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  } catch (err) {
    packageError = err;
  }
}, 10 * 60_000);

/** Each function's name (its zip's), main file (from its handler) and environment. */
function deployed(): { name: string; zip: string; main: string; environment: Record<string, string> }[] {
  if (functions.length === 0) throw packageError ?? new Error('the template holds no function');
  return functions.map(([, fn]) => {
    const zip = path.basename(fn.Properties.Code.S3Key as string);
    const handler = fn.Properties.Handler as string;
    return {
      name: zip.replace(/\.zip$/, ''),
      zip: path.join(OUT_DIR, zip),
      main: `${handler.slice(0, handler.lastIndexOf('.'))}.js`,
      environment: fn.Properties.Environment?.Variables ?? {},
    };
  });
}

it('packages one zip per function, and no other', () => {
  const zips = readdirSync(OUT_DIR).filter((f) => f.endsWith('.zip'));
  expect(zips.sort()).toEqual(
    deployed()
      .map((fn) => path.basename(fn.zip))
      .sort(),
  );
});

it('ships no source map: no .map file in any zip, and no main file that points at one', () => {
  const found: string[] = [];
  for (const fn of deployed()) {
    const entries = zipEntries(fn.zip);
    for (const e of entries) if (e.name.endsWith('.map')) found.push(`${fn.name}: ${e.name}`);
    const main = entries.find((e) => e.name === fn.main);
    if (main && /\/\/# sourceMappingURL=/.test(main.read().toString('utf8')))
      found.push(`${fn.name}: ${fn.main} names a source map`);
  }
  expect(found).toEqual([]);
});

it('keeps each main file within 150 KB', () => {
  const sizes = deployed().map((fn) => {
    const main = zipEntries(fn.zip).find((e) => e.name === fn.main);
    return { name: fn.name, main: fn.main, inZip: !!main, bytes: main?.size ?? 0 };
  });
  expect(sizes.filter((s) => !s.inZip)).toEqual([]);
  // A failure names the function and its size: see what its bundle pulls in (docs/BENCHMARKS.md, functions.bench.ts).
  expect(sizes.filter((s) => s.bytes > MAX_MAIN_BYTES)).toEqual([]);
  expect(sizes.length).toBeGreaterThan(0);
});

it("carries zod's mini API only: no classic schema classes in any main file", () => {
  const classic: string[] = [];
  let mini = 0;
  for (const fn of deployed()) {
    const text = zipEntries(fn.zip)
      .find((e) => e.name === fn.main)!
      .read()
      .toString('utf8');
    // zod names each class when it builds it (kept by minification): classic `ZodType`, mini `ZodMiniType`.
    if (/["']ZodType["']/.test(text)) classic.push(fn.name);
    if (/["']ZodMiniType["']/.test(text)) mini++;
  }
  expect(classic).toEqual([]);
  expect(mini).toBeGreaterThan(50); // most routes validate something
});

it('does not ask Node for source maps', () => {
  const asking = deployed()
    .filter((fn) => /--enable-source-maps/.test(fn.environment.NODE_OPTIONS ?? ''))
    .map((fn) => fn.name);
  expect(asking).toEqual([]);
});
