// What a browser downloads for each role's first page: the HTML and every file the page makes
// the browser fetch before it is usable (stylesheet, JavaScript, WebAssembly), in bytes as sent
// uncompressed and with brotli. Reports; asserts nothing.
//
//   node end2end/tools/size.mjs http://127.0.0.1:3000   (a Hive running with --demo)
import http from 'node:http';

const base = new URL(process.argv[2] ?? 'http://127.0.0.1:3000');
const GOAL_CODE_BR = 150 * 1024;
const GOAL_TOTAL_BR = 175 * 1024;

/** One GET, the body's bytes counted as they arrive (not decompressed). */
function get(path, { cookie, encoding = 'identity' } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, base), {
      headers: { 'accept-encoding': encoding, accept: 'text/html', ...(cookie ? { cookie } : {}) },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

function post(path, form) {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The demo people, one per role: their id and role as the demo sign-in page lists them. */
async function demoPeople() {
  const page = (await get('/auth/demo')).body.toString();
  const people = [];
  const card = /<h2 class="nhsuk-card__heading[^"]*">([^<]+)<\/h2><p class="app-meta">([^<,]+)[^<]*<\/p>[\s\S]*?name="person" value="(\d+)"/g;
  for (const [, name, role, id] of page.matchAll(card)) {
    if (!people.some((p) => p.role === role)) people.push({ name, role, id });
  }
  if (people.length === 0) throw new Error(`no demo people at ${base}auth/demo: is Hive running with --demo?`);
  return people;
}

async function signIn(id) {
  const res = await post('/auth/demo', { person: id });
  const cookie = [res.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error(`demo sign-in as ${id} set no cookie (status ${res.status})`);
  return cookie;
}

/** The files a page makes the browser fetch at once: its stylesheets and preloaded scripts. */
function assets(html) {
  const found = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (!href || !href.startsWith('/')) continue;
    if (/rel="stylesheet"/.test(tag)) found.push({ kind: 'CSS', href });
    else if (/rel="modulepreload"/.test(tag)) found.push({ kind: 'JS', href });
    else if (/rel="preload"/.test(tag) && href.endsWith('.wasm')) found.push({ kind: 'WASM', href });
  }
  return found;
}

async function measure(path, cookie) {
  const sizes = { HTML: [0, 0], CSS: [0, 0], JS: [0, 0], WASM: [0, 0] };
  const notes = new Set();
  const raw = await get(path, { cookie });
  const br = await get(path, { cookie, encoding: 'br' });
  if (raw.status !== 200) throw new Error(`${path} answered ${raw.status}`);
  sizes.HTML = [raw.body.length, br.body.length];
  if (br.headers['content-encoding'] !== 'br') notes.add('HTML not compressed');
  for (const { kind, href } of assets(raw.body.toString())) {
    const plain = await get(href);
    const packed = await get(href, { encoding: 'br' });
    sizes[kind][0] += plain.body.length;
    sizes[kind][1] += packed.body.length;
    if (packed.headers['content-encoding'] !== 'br') notes.add(`${kind} not sent with brotli`);
    if (!/immutable/.test(packed.headers['cache-control'] ?? '')) notes.add(`${kind} not cached immutably`);
  }
  return { sizes, notes: [...notes] };
}

const kb = (n) => (n / 1024).toFixed(1);
const rows = [];
rows.push({ who: 'Anyone (landing page)', path: '/', ...(await measure('/')) });
for (const person of await demoPeople()) {
  const cookie = await signIn(person.id);
  rows.push({ who: `${person.role} (${person.name})`, path: '/', ...(await measure('/', cookie)) });
}

console.log(`First pages at ${base.origin}: KB raw / KB brotli as sent`);
console.log('| first page | HTML | CSS | JS | WASM | JS+WASM br | all br | notes |');
console.log('|---|---|---|---|---|---|---|---|');
for (const { who, sizes, notes } of rows) {
  const cell = (k) => `${kb(sizes[k][0])} / ${kb(sizes[k][1])}`;
  const code = sizes.JS[1] + sizes.WASM[1];
  const all = code + sizes.HTML[1] + sizes.CSS[1];
  const mark = (n, goal) => `${kb(n)}${n <= goal ? '' : ' (over goal)'}`;
  console.log(
    `| ${who} | ${cell('HTML')} | ${cell('CSS')} | ${cell('JS')} | ${cell('WASM')} | ${mark(code, GOAL_CODE_BR)} | ${mark(all, GOAL_TOTAL_BR)} | ${notes.join('; ')} |`,
  );
}
console.log(`Goals: JS+WASM <= ${kb(GOAL_CODE_BR)} KB brotli; everything <= ${kb(GOAL_TOTAL_BR)} KB brotli.`);
