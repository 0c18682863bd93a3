// `npm run bench`: runs every tests/bench/*.bench.ts in turn (or those named on the command line), prints figures,
// and writes what it printed, with the date and the machine, into docs/BENCHMARKS.md (a full run rewrites the whole
// file; a partial run replaces only the sections of the benches it ran). Benchmarks never pass or fail on timing.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';

const REPORT = path.join(__dirname, '..', '..', 'docs', 'BENCHMARKS.md');
const SECTION = /^## (\S+\.bench\.ts)\n[\s\S]*?(?=^## |(?![\s\S]))/gm;

/** Runs `fn` while copying everything written with console.log into the returned text. */
async function captured(fn: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(format(...args));
    log(...args);
  };
  try {
    await fn();
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}, Node ${process.version}`;
}

/** The machine's load average over 1, 5 and 15 minutes, as `uptime` prints it. */
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

function section(file: string, text: string, when: string): string {
  return `## ${file}\n\nRun ${when}.\n\n\`\`\`text\n${text.trim()}\n\`\`\`\n\n`;
}

/** Keeps the sections of benches not run this time; replaces or appends the ones that were. */
function writeReport(results: Map<string, string>, when: string): void {
  const kept = new Map<string, string>();
  if (existsSync(REPORT))
    for (const m of readFileSync(REPORT, 'utf8').matchAll(SECTION)) kept.set(m[1], m[0].trimEnd() + '\n\n');
  for (const [file, text] of results) kept.set(file, section(file, text, when));
  const body = [...kept.keys()]
    .sort()
    .map((file) => kept.get(file))
    .join('');
  const head =
    '# Benchmarks\n\nWritten by `npm run bench` (tests/bench/run.ts): the figures each bench printed, with the date ' +
    `and the machine. The machine is shared and absolute times are noisy; the goals are ratios and counts.\n\n` +
    `Last written ${when} on ${machine()}.\n\n`;
  writeFileSync(REPORT, head + body.trimEnd() + '\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const results = new Map<string, string>();
  for (const file of files) {
    console.log(`\n=== ${file}`);
    const mod = (await import(path.join(__dirname, file))) as { run: () => Promise<void> };
    const before = load();
    const text = await captured(() => mod.run());
    results.set(file, `${text}\nmachine load average (1, 5, 15 min): ${before} before, ${load()} after`);
  }
  writeReport(results, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
  console.log(`\nwrote ${path.relative(process.cwd(), REPORT)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
