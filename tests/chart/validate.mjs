// Validates rendered Kubernetes manifests: each document against the published models (types, enums,
// required fields, formats), and, through a TypeScript check against the models' interfaces, for
// fields that do not exist (the model validators accept unknown fields). Writes <file>.json with the
// parsed documents for the .NET tests that assert the chart's invariants.
// Usage: node validate.mjs rendered1.yaml [rendered2.yaml ...]
import { readFileSync, writeFileSync, mkdtempSync, existsSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const here = dirname(fileURLToPath(import.meta.url));

// Kinds outside the three model packages; their CRDs are not modelled here.
const unmodelled = new Set(["postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup"]);

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group.endsWith("istio.io")) return `@kubernetes-models/istio/${group}/${version}/${kind}`;
  if (group === "monitoring.coreos.com") return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  return `kubernetes-models/${group === "" ? "" : group + "/"}${version}/${kind}`;
}

const problems = [];
const tsLines = [];
let n = 0;
for (const file of process.argv.slice(2)) {
  const docs = yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d && typeof d === "object");
  writeFileSync(file + ".json", JSON.stringify(docs, null, 1));
  for (const doc of docs) {
    const id = `${file}: ${doc.apiVersion}/${doc.kind} ${doc.metadata?.name}`;
    if (unmodelled.has(`${doc.apiVersion}/${doc.kind}`)) continue;
    const path = modulePath(doc.apiVersion, doc.kind);
    if (!existsSync(join(here, "node_modules", path + ".js"))) {
      problems.push(`${id}: no model for this apiVersion/kind (unknown or removed API)`);
      continue;
    }
    const mod = await import(path);
    try {
      new mod[doc.kind](doc).validate();
    } catch (e) {
      problems.push(`${id}: ${e.message}`);
    }
    tsLines.push(`import type { I${doc.kind} as T${n} } from "${path}";`);
    tsLines.push(`// ${id}`);
    tsLines.push(`export const d${n}: T${n} = ${JSON.stringify(doc)};`);
    n++;
  }
}

if (n > 0) {
  const dir = mkdtempSync(join(tmpdir(), "addispay-chart-"));
  writeFileSync(join(dir, "manifests.ts"), tsLines.join("\n"));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022",
      skipLibCheck: true, typeRoots: [], baseUrl: here, paths: { "*": [join(here, "node_modules", "*")] }
    },
    files: ["manifests.ts"]
  }));
  try {
    execFileSync(process.execPath, [join(here, "node_modules/typescript/bin/tsc"), "-p", dir], { cwd: here, encoding: "utf8" });
  } catch (e) {
    const lines = (e.stdout || "").split("\n").filter((l) => l.includes("error TS"));
    const source = readFileSync(join(dir, "manifests.ts"), "utf8").split("\n");
    for (const l of lines) {
      const m = /manifests\.ts\((\d+),/.exec(l);
      const which = m ? source[Number(m[1]) - 2] : "";
      problems.push(`${which.replace("// ", "")}: ${l.replace(/^.*error /, "")}`);
    }
    if (lines.length === 0) problems.push(`TypeScript check failed: ${e.stdout || e.message}`);
  } finally {
    // The scratch project (a few hundred kilobytes per run) goes with the run.
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(JSON.stringify({ documents: n, problems }, null, 1));
process.exit(problems.length === 0 ? 0 : 1);
