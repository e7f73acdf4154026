#!/usr/bin/env bash
# Lighthouse (mobile emulation, simulated throttling) on the shop's home, category, product and cart pages, with the
# machine's Chromium. Usage: tests/AddisPay.Benchmarks/lighthouse.sh http://127.0.0.1:5080 [lighthouse-dir]
# lighthouse-dir holds node_modules/.bin/lighthouse (npm i -E lighthouse@12.2.3: 13.x wants Node 22).
set -euo pipefail
base=${1:?base URL}
lh=${2:-.}/node_modules/.bin/lighthouse
out=$(mktemp -d)
echo "| page | performance | accessibility | FCP | LCP | TBT | CLS |"
echo "|---|---|---|---|---|---|---|"
for page in / /c/coffee-beans /p/yirgacheffe-coffee-beans /cart; do
  CHROME_PATH=/usr/bin/chromium "$lh" "$base$page" --chrome-flags="--headless=new --no-sandbox" --form-factor=mobile \
    --only-categories=performance,accessibility --output=json --output-path="$out/r.json" --quiet >/dev/null 2>&1
  node -e '
    const r = require(process.argv[1]); const a = r.audits;
    console.log(`| ${process.argv[2]} | ${Math.round(r.categories.performance.score * 100)} | ${Math.round(r.categories.accessibility.score * 100)} | ` +
      `${a["first-contentful-paint"].displayValue} | ${a["largest-contentful-paint"].displayValue} | ${a["total-blocking-time"].displayValue} | ${a["cumulative-layout-shift"].displayValue} |`);
  ' "$out/r.json" "$page"
done
rm -rf "$out"
