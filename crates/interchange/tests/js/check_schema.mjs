// An independent check of the published schema with ajv (JSON Schema draft
// 2020-12, `ajv/dist/2020`) and ajv-formats: a JavaScript client that
// shares no code with the Rust crates. The twin of
// ../python/check_schema.py (Python `jsonschema`); run by scripts/test-ajv:
//
//     node check_schema.mjs ROOT
//
// It checks that
//
// * every schema in docs/schema/ (actionplan-VERSION.schema.json) compiles
//   in ajv's strict mode, with the options below and nothing else;
// * every file in docs/examples/ and in each fixture corpus's valid/ is
//   accepted by the schema of its own `version`;
// * every invalid fixture whose expected layer (the corpus's
//   expected.json) is `syntax` is not strict JSON, every one whose layer
//   is `schema` is rejected, and every one whose layer is `rule` is
//   accepted: rules are checked only by the reader. A file whose `version`
//   has no schema must be rejected by every schema.
//
// A fixture corpus is any folder under crates/interchange/tests that holds
// an expected.json beside valid/ and invalid/, so corpora added for later
// format versions are checked without editing this file.
//
// Exit status 0 when every check holds, 1 otherwise.

import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, relative, basename } from "node:path";
import { pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const ROOT = process.argv[2] ?? ".";
const SCHEMAS = join(ROOT, "docs", "schema");
const TESTS = join(ROOT, "crates", "interchange", "tests");

// The options, all documented in docs/embedding.md:
// - strict: true — unknown keywords, ignored formats, ambiguous types and
//   the rest of ajv's strict checks are errors, so a schema ajv would
//   silently half-apply fails here instead;
// - allErrors: true — report every error, as the other validators do;
// - validateFormats (default true) with ajv-formats in "full" mode, so
//   `format: date` rejects 2016-02-30, as Python's format checker does.
export function validatorFor(schema) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv, { mode: "full" });
  return ajv.compile(schema);
}

/** Strict JSON: UTF-8 without a byte order mark, no key twice in an object. */
export function strictJson(bytes) {
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  const value = JSON.parse(text); // refuses a byte order mark, which stays in the text
  noDuplicateKeys(text);
  return value;
}

// JSON.parse keeps the last of two equal keys; the exchange format refuses
// them. A scan of the (already valid) JSON text finds them.
function noDuplicateKeys(text) {
  const stack = [];
  let i = 0;
  let expectKey = false;
  while (i < text.length) {
    const c = text[i];
    if (c === "{") {
      stack.push(new Set());
      expectKey = true;
      i++;
    } else if (c === "[") {
      stack.push(null);
      expectKey = false;
      i++;
    } else if (c === "}" || c === "]") {
      stack.pop();
      i++;
    } else if (c === ",") {
      expectKey = stack.length > 0 && stack[stack.length - 1] !== null;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(i, j + 1));
        const seen = stack[stack.length - 1];
        if (seen.has(key)) throw new SyntaxError(`key ${JSON.stringify(key)} appears twice in one object`);
        seen.add(key);
        expectKey = false;
      }
      i = j + 1;
    } else {
      i++;
    }
  }
}

function jsonFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((n) => join(dir, n));
}

function corpora(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === "node_modules" || !statSync(path).isDirectory()) continue;
    if (existsSync(join(path, "expected.json"))) found.push(path);
    found.push(...corpora(path));
  }
  return found;
}

function main() {
  const failures = [];
  const validators = new Map(); // version -> validate function
  for (const path of jsonFiles(SCHEMAS)) {
    const m = basename(path).match(/^actionplan-(.+)\.schema\.json$/);
    if (!m) continue;
    try {
      validators.set(m[1], validatorFor(JSON.parse(readFileSync(path, "utf-8"))));
    } catch (e) {
      failures.push(`${relative(ROOT, path)}: does not compile in ajv strict mode: ${e.message}`);
    }
  }
  if (validators.size === 0) failures.push(`no schema found in ${relative(ROOT, SCHEMAS)}`);

  // The errors of `doc` against the schema of its version, or against
  // every schema (all must reject) when its version has none.
  const errorsOf = (doc) => {
    const v = validators.get(doc?.version);
    if (v) return v(doc) ? [] : v.errors.map((e) => `${e.instancePath || "/"}: ${e.message}`);
    const accepting = [...validators].filter(([, f]) => f(doc)).map(([k]) => k);
    return accepting.length === 0
      ? [`no schema for version ${JSON.stringify(doc?.version)}`]
      : [];
  };

  let checked = 0;
  const sets = corpora(TESTS);
  if (sets.length === 0) failures.push("no fixture corpus (expected.json) found");
  const valid = jsonFiles(join(ROOT, "docs", "examples"));
  if (valid.length === 0) failures.push("no example found in docs/examples/");
  for (const set of sets) valid.push(...jsonFiles(join(set, "valid")));
  for (const path of valid) {
    checked++;
    let doc;
    try {
      doc = strictJson(readFileSync(path));
    } catch (e) {
      failures.push(`${relative(ROOT, path)}: not strict JSON: ${e.message}`);
      continue;
    }
    if (!validators.has(doc?.version)) {
      failures.push(`${relative(ROOT, path)}: no schema for its version ${JSON.stringify(doc?.version)}`);
      continue;
    }
    for (const e of errorsOf(doc)) failures.push(`${relative(ROOT, path)}: ${e}`);
  }

  for (const set of sets) {
    const expected = JSON.parse(readFileSync(join(set, "expected.json"), "utf-8"));
    const invalid = jsonFiles(join(set, "invalid"));
    const names = new Set(invalid.map((p) => basename(p)));
    const differ = [...names].filter((n) => !(n in expected)).concat(Object.keys(expected).filter((n) => !names.has(n)));
    if (differ.length) failures.push(`${relative(ROOT, set)}: invalid fixtures and expected.json differ: ${differ}`);
    for (const path of invalid) {
      checked++;
      const name = relative(ROOT, path);
      const layer = expected[basename(path)]?.layer;
      let doc;
      try {
        doc = strictJson(readFileSync(path));
      } catch {
        if (layer !== "syntax") failures.push(`${name}: expected layer ${layer}, but it is not strict JSON here`);
        continue;
      }
      if (layer === "syntax") {
        failures.push(`${name}: expected a syntax error, but it parses`);
        continue;
      }
      const errors = errorsOf(doc);
      if (layer === "schema" && errors.length === 0) failures.push(`${name}: ajv accepts a file that must fail the schema`);
      if (layer === "rule") for (const e of errors) failures.push(`${name}: a rule-level fixture must pass the schema: ${e}`);
    }
  }

  for (const f of failures) console.log("FAIL", f);
  console.log(
    `ajv: checked ${checked} files against ${[...validators.keys()].map((v) => `actionplan-${v}.schema.json`).join(", ")}: ` +
      (failures.length ? `${failures.length} failure(s)` : "ok"),
  );
  return failures.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
