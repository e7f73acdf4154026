// What the storefront's browser journeys cost in the browser (docs/benchmarks.md, "Where the browser journeys' time goes"):
// CPU seconds of the full Chromium against its headless shell for the same navigations, and the time of one axe run with
// every rule against the rules that can report serious or critical (the only ones PageChecks fails on).
// Usage (a shop running, e.g. ./scripts/start.sh; the integration tests built, for Playwright's node and package):
//   tests/AddisPay.Benchmarks/browser-cost.sh [http://127.0.0.1:5080] [rounds]
const fs = require('fs');
const [pkg, axeDll, base = 'http://127.0.0.1:5080', rounds = '3'] = process.argv.slice(2);
const pw = require(pkg);
// Deque.AxeCore.Commons embeds axe.min.js: the same copy the tests inject.
const dll = fs.readFileSync(axeDll, 'latin1');
const start = dll.indexOf('/*! axe v');
const axe = dll.slice(start, dll.indexOf('\0', start));
const pages = ['/', '/p/yirgacheffe-coffee-beans', '/cart', '/account/sign-in', '/search?q=coffee'];

function treeCpuSeconds(root) {
  const procs = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const st = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      procs.push({ pid: p, ppid: f[1], ticks: +f[11] + +f[12] });
    } catch { /* gone */ }
  }
  let sum = 0; const stack = [String(root)];
  while (stack.length) { const parent = stack.pop(); for (const p of procs) if (p.ppid === parent) { sum += p.ticks; stack.push(p.pid); } }
  return sum / 100;
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const phone = { baseURL: base, viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

(async () => {
  const cpu = { '/usr/bin/chromium': [], '/usr/bin/chromium-headless-shell': [] };
  for (let r = 0; r < +rounds; r++) for (const exe of Object.keys(cpu)) {
    if (!fs.existsSync(exe)) continue;
    const browser = await pw.chromium.launch({ executablePath: exe, headless: true });
    const page = await (await browser.newContext(phone)).newPage();
    for (let i = 0; i < 6; i++) for (const p of pages) { await page.goto(p); await page.waitForLoadState('networkidle'); }
    cpu[exe].push(treeCpuSeconds(process.pid));
    await browser.close();
  }
  for (const [exe, xs] of Object.entries(cpu)) if (xs.length) console.log(`${exe}: launch + 30 navigations, CPU-s median ${median(xs).toFixed(1)} [${xs.map(x => x.toFixed(1)).join(', ')}]`);

  const browser = await pw.chromium.launch({ executablePath: '/usr/bin/chromium-headless-shell', headless: true });
  const page = await (await browser.newContext(phone)).newPage();
  const ms = { every: [], severe: [] };
  for (let r = 0; r < +rounds; r++) for (const p of pages) {
    await page.goto(p); await page.evaluate(axe);
    const severe = await page.evaluate(() => {
      const bad = i => i === 'serious' || i === 'critical';
      return axe._audit.rules.filter(r => r.enabled !== false && (bad(r.impact) || [...r.any, ...r.all, ...r.none]
        .some(c => { const k = axe._audit.checks[typeof c === 'string' ? c : c.id]; return k && bad(k.impact || (k.metadata || {}).impact); }))).map(r => r.id);
    });
    // Alternated, so a busy moment falls on both.
    for (const [kind, only] of [['every', undefined], ['severe', severe], ['severe', severe], ['every', undefined]]) {
      const t = performance.now();
      await page.evaluate(o => axe.run(document, Object.assign({ resultTypes: ['violations'], iframes: false }, o)).then(() => 0), only ? { runOnly: { type: 'rule', values: only } } : {});
      ms[kind].push(performance.now() - t);
    }
  }
  await browser.close();
  console.log(`axe per page (${pages.length} pages x ${rounds} rounds x 2): every rule median ${median(ms.every).toFixed(0)} ms, ` +
    `serious/critical-capable rules median ${median(ms.severe).toFixed(0)} ms, ratio ${(median(ms.severe) / median(ms.every)).toFixed(2)}`);
})();
