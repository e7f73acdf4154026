#!/usr/bin/env bash
# Lighthouse (mobile emulation, simulated throttling) on the shop's home, category, product and cart pages, with the
# machine's Chromium. Usage: tests/AddisPay.Benchmarks/lighthouse.sh http://127.0.0.1:5080 [lighthouse-dir] [runs]
# lighthouse-dir holds node_modules/.bin/lighthouse (npm i -E lighthouse@12.2.3: 13.x wants Node 22).
# Each page runs `runs` times (3 by default) and the run with the median performance score is shown, as Lighthouse's
# own guidance on variability recommends. Total blocking time is measured on this machine's CPU, not simulated: the
# last columns say how busy the machine was (Lighthouse's benchmark index: higher is a faster, quieter machine) and how
# the main thread's time split between Blazor's script (blazor.web.js evaluation) and everything else.
set -euo pipefail
base=${1:?base URL}
lh=${2:-.}/node_modules/.bin/lighthouse
runs=${3:-3}
out=$(mktemp -d)
echo "| page | performance | accessibility | FCP | LCP | TBT | CLS | benchmark index | blazor.web.js / main thread |"
echo "|---|---|---|---|---|---|---|---|---|"
for page in / /c/coffee-beans /p/yirgacheffe-coffee-beans /cart; do
  for i in $(seq "$runs"); do
    CHROME_PATH=/usr/bin/chromium "$lh" "$base$page" --chrome-flags="--headless=new --no-sandbox" --form-factor=mobile \
      --only-categories=performance,accessibility --output=json --output-path="$out/r$i.json" --quiet >/dev/null 2>&1
  done
  node -e '
    const [page, ...files] = process.argv.slice(1);
    const reports = files.map(f => require(f)).sort((x, y) => x.categories.performance.score - y.categories.performance.score);
    const r = reports[Math.floor(reports.length / 2)], a = r.audits;
    const blazor = (a["bootup-time"].details?.items ?? []).filter(i => i.url.includes("blazor.web")).reduce((s, i) => s + i.total, 0);
    const main = (a["mainthread-work-breakdown"].details?.items ?? []).reduce((s, i) => s + i.duration, 0);
    console.log(`| ${page} | ${Math.round(r.categories.performance.score * 100)} | ${Math.round(r.categories.accessibility.score * 100)} | ` +
      `${a["first-contentful-paint"].displayValue} | ${a["largest-contentful-paint"].displayValue} | ${a["total-blocking-time"].displayValue} | ` +
      `${a["cumulative-layout-shift"].displayValue} | ${Math.round(r.environment.benchmarkIndex)} | ${Math.round(blazor)} / ${Math.round(main)} ms |`);
  ' "$page" $(seq -f "$out/r%g.json" "$runs")
done
rm -rf "$out"
