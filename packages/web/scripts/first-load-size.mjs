/**
 * Reports the gzip size of the JavaScript a browser loads for the first page: the entry chunk of
 * dist/index.html and every chunk it imports statically (transitively). Dynamic imports (lazy
 * routes, catalogues) are left out. Exits 1 when the total is over the budget (DESIGN.md §8).
 * Usage: node scripts/first-load-size.mjs [budgetKiB=300]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budget = Number(process.argv[2] ?? 300) * 1024;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g)].map(
  (m) => m[1],
);

const seen = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.shift();
  if (seen.has(file)) {
    continue;
  }
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  // Static imports only: `import ... from "./x.js"` and `import "./x.js"`, not `import("./x.js")`.
  for (const m of code.matchAll(
    /(?:^|[;\n}])\s*import\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+\.js)["']/g,
  )) {
    queue.push(join(dirname(file), m[1]));
  }
}

let total = 0;
for (const file of [...seen].sort()) {
  const size = gzipSync(readFileSync(join(dist, file))).length;
  total += size;
  process.stdout.write(`${(size / 1024).toFixed(1).padStart(8)} KiB  ${file}\n`);
}
process.stdout.write(
  `${(total / 1024).toFixed(1).padStart(8)} KiB  total gzip, first page (budget ${budget / 1024} KiB)\n`,
);
process.exit(total > budget ? 1 : 0);
