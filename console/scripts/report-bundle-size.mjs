// Prints what the browser downloads for the first view (the entry chunk and everything it imports statically),
// gzip-compressed, and the largest lazy chunks. Run by `npm run build -w console` after `vite build`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const gzipKb = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const firstView = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || firstView.has(chunk.file)) return;
  firstView.add(chunk.file);
  for (const css of chunk.css ?? []) firstView.add(css);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);

const rows = [...firstView].map((file) => ({ file, kb: gzipKb(file) })).sort((a, b) => b.kb - a.kb);
const total = (list) => list.reduce((sum, row) => sum + row.kb, 0);
const jsTotal = total(rows.filter((row) => row.file.endsWith('.js')));
const cssTotal = total(rows.filter((row) => row.file.endsWith('.css')));
console.log(`\nConsole first view (entry + static imports), gzip: JS ${jsTotal.toFixed(1)} kB, CSS ${cssTotal.toFixed(1)} kB`);
for (const row of rows) console.log(`  ${row.kb.toFixed(1).padStart(7)} kB  ${row.file}`);

// The budget keeps the first view small: a change that pulls a page, a chart library or every GraphQL document into
// the entry chunk fails the build instead of slowing every visit.
const FIRST_VIEW_JS_BUDGET_KB = 280;
if (jsTotal > FIRST_VIEW_JS_BUDGET_KB) {
  console.error(`First view JavaScript is ${jsTotal.toFixed(1)} kB gzip, over the ${FIRST_VIEW_JS_BUDGET_KB} kB budget.`);
  process.exitCode = 1;
}

const lazy = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith('.js') && !firstView.has(chunk.file))
  .map((chunk) => ({ file: chunk.file, kb: gzipKb(chunk.file) }))
  .sort((a, b) => b.kb - a.kb);
console.log(`Lazy chunks (loaded on navigation): ${lazy.length}, gzip total ${total(lazy).toFixed(1)} kB; largest:`);
for (const row of lazy.slice(0, 6)) console.log(`  ${row.kb.toFixed(1).padStart(7)} kB  ${row.file}`);
