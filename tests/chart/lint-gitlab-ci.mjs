// Validates a .gitlab-ci.yml offline: against GitLab's published CI schema with ajv (the schema GitLab's own
// pipeline editor uses), then what a schema can't say (every `needs` names a job, every `stage` is declared, every
// `extends` names a template), and the shell of each job's scripts with shellcheck, as lint-workflows.mjs does for
// GitHub's. Prints JSON {jobs, scripts, schema, problems}; exit 1 on any problem.
//
// The schema: GitLab's app/assets/javascripts/editor/schema/ci.json (gitlab-org/gitlab), as the npm package
// gitlab-ci-local 4.75.1 (MIT, pinned in package.json) ships it: its `fetch-schema` script copies that file into
// src/schema.json, which its build bundles into dist/index.js as an object literal. The literal is read from there
// (nothing is executed but the literal itself) and checked against SCHEMA_SHA256, so a different copy can't slip in
// unnoticed; gitlab-ci-local's own relaxations of the schema are applied at its run time and are not in the literal.
// Usage: node lint-gitlab-ci.mjs path/to/.gitlab-ci.yml [--write-schema out.json]
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import yaml from "js-yaml";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const here = dirname(fileURLToPath(import.meta.url));
const SCHEMA_PACKAGE = "gitlab-ci-local@4.75.1";
const SCHEMA_SHA256 = "a612e5cfc9078dc4dd3750050609d1a3edf2c904535e667fc4dac9842d10f6b7";

export function loadGitLabSchema() {
  const bundle = readFileSync(join(here, "node_modules", "gitlab-ci-local", "dist", "index.js"), "utf8");
  const marker = '{$schema:"http://json-schema.org/draft-07/schema#",$id:"https://gitlab.com/.gitlab-ci.yml"';
  const start = bundle.indexOf(marker);
  if (start < 0) throw new Error(`GitLab's CI schema not found in ${SCHEMA_PACKAGE}`);
  // The end of the literal: the brace that closes the first one, skipping strings (they hold braces and quotes).
  let depth = 0, end = start, quote = null;
  for (; end < bundle.length; end++) {
    const c = bundle[end];
    if (quote) {
      if (c === "\\") end++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") { if (--depth === 0) break; }
  }
  const literal = bundle.slice(start, end + 1);
  const schema = vm.runInNewContext(`(${literal})`, Object.create(null), { timeout: 2000 });
  const json = JSON.stringify(schema);
  const sha256 = createHash("sha256").update(json).digest("hex");
  return { schema, json, sha256 };
}

export function lintGitLabCi(file, schemaOverride) {
  const { schema, sha256 } = schemaOverride ?? loadGitLabSchema();
  const problems = [];
  if (!schemaOverride && SCHEMA_SHA256 !== sha256)
    problems.push(`the schema read from ${SCHEMA_PACKAGE} has sha256 ${sha256}, not the pinned ${SCHEMA_SHA256}`);
  const config = yaml.load(readFileSync(file, "utf8"));
  // GitLab's editor keywords (markdownDescription) are not JSON Schema's: strict mode would refuse them.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (!validate(config)) {
    // oneOf/anyOf report every branch; the deepest paths say the most.
    for (const e of validate.errors) problems.push(`schema: ${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
  }

  const reserved = new Set(["default", "include", "stages", "variables", "workflow", "image", "services", "cache",
    "before_script", "after_script", "spec"]);
  const jobs = Object.entries(config ?? {}).filter(([name, v]) => !reserved.has(name) && v && typeof v === "object" && !Array.isArray(v));
  const names = new Set(jobs.map(([n]) => n));
  const stages = new Set([".pre", ".post", ...(config?.stages ?? ["build", "test", "deploy"])]);
  let scripts = 0;
  const scratch = mkdtempSync(join(tmpdir(), "addispay-gitlab-ci-"));
  try {
    for (const [name, job] of jobs) {
      const hidden = name.startsWith(".");
      for (const parent of [job.extends ?? []].flat())
        if (!names.has(parent)) problems.push(`${name}: extends ${parent}, which is not defined`);
      if (!hidden && job.stage && !stages.has(job.stage)) problems.push(`${name}: stage ${job.stage} is not in stages`);
      for (const need of job.needs ?? []) {
        const target = typeof need === "string" ? need : need.job;
        if (target && !names.has(target)) problems.push(`${name}: needs ${target}, which is not a job`);
      }
      const lines = ["before_script", "script", "after_script"].flatMap((k) => [job[k] ?? []].flat());
      if (lines.length === 0) continue;
      const path = join(scratch, `${name.replace(/[^A-Za-z0-9_.-]/g, "_")}.sh`);
      writeFileSync(path, "#!/usr/bin/env bash\nset -euo pipefail\n" + lines.join("\n") + "\n");
      scripts++;
      try {
        execFileSync("shellcheck", ["-S", "warning", path], { encoding: "utf8" });
      } catch (e) {
        problems.push(`${name} script: ${(e.stdout || e.message).trim()}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { jobs: jobs.filter(([n]) => !n.startsWith(".")).length, scripts, schema: `${SCHEMA_PACKAGE} ${sha256}`, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, flag, out] = process.argv.slice(2);
  if (flag === "--write-schema") writeFileSync(out, loadGitLabSchema().json);
  const report = lintGitLabCi(file);
  console.log(JSON.stringify(report, null, 1));
  process.exit(report.problems.length ? 1 : 0);
}
