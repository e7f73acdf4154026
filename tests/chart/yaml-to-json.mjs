// Prints a YAML file (every document) as a JSON array, for the .NET tests that read values.yaml and the pipelines.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
console.log(JSON.stringify(yaml.loadAll(readFileSync(process.argv[2], "utf8"))));
