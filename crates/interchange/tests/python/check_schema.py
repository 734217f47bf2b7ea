#!/usr/bin/env python3
"""An independent check of the published schema with Python's `jsonschema`,
a client that shares no code with the Rust crates.

    python3 crates/interchange/tests/python/check_schema.py

Needs `pip install 'jsonschema>=4.18'` (Draft 2020-12 and its format
checker). Run from the workspace root (or pass it as the first argument).
It checks that

* the committed schemas (1.0, frozen, and 1.1) are valid Draft 2020-12
  schemas; each file is checked against the schema of the version it
  states (`"version": "1.0"` against 1.0, anything else against 1.1);
* every file in docs/examples/ and crates/interchange/tests/fixtures/valid/
  is accepted;
* every invalid fixture whose expected layer (tests/fixtures/expected.json)
  is `syntax` is not JSON (or names a key twice), every one whose layer is
  `schema` is rejected, and every one whose layer is `rule` is *accepted* by
  the schema: rules are checked only by the reader, so the schema and the
  reader must agree on everything else.

Exit status 0 when every check holds, 1 otherwise.
"""
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
SCHEMAS = {v: os.path.join(ROOT, "docs", "schema", f"actionplan-{v}.schema.json") for v in ("1.0", "1.1")}
FIXTURES = os.path.join(ROOT, "crates", "interchange", "tests", "fixtures")


class DuplicateKey(ValueError):
    pass


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    for k in keys:
        if keys.count(k) > 1:
            raise DuplicateKey(f"key {k!r} appears twice in one object")
    return dict(pairs)


def load(path):
    """Strict JSON: UTF-8 without a byte order mark, no duplicate keys."""
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")  # raises on bytes that are not UTF-8
    return json.loads(text, object_pairs_hook=no_duplicates)


def main():
    validators = {}
    for version, path in SCHEMAS.items():
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
        validators[version] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    class ByVersion:
        """The validator of the version a document states."""

        @staticmethod
        def iter_errors(doc):
            version = doc.get("version") if isinstance(doc, dict) else None
            return validators["1.0" if version == "1.0" else "1.1"].iter_errors(doc)

    validator = ByVersion()
    failures = []
    checked = 0

    valid = sorted(glob.glob(os.path.join(ROOT, "docs", "examples", "*.json")))
    valid += sorted(glob.glob(os.path.join(FIXTURES, "valid", "*.json")))
    if not any("docs/examples" in p.replace(os.sep, "/") for p in valid):
        failures.append("no example found in docs/examples/")
    for path in valid:
        checked += 1
        try:
            errors = list(validator.iter_errors(load(path)))
        except (ValueError, UnicodeDecodeError) as e:
            failures.append(f"{path}: not strict JSON: {e}")
            continue
        for e in errors:
            failures.append(f"{path}: {e.json_path}: {e.message}")

    with open(os.path.join(FIXTURES, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    invalid = sorted(glob.glob(os.path.join(FIXTURES, "invalid", "*.json")))
    names = {os.path.basename(p) for p in invalid}
    if names != set(expected):
        failures.append(f"invalid fixtures and expected.json differ: {sorted(names ^ set(expected))}")
    for path in invalid:
        checked += 1
        layer = expected.get(os.path.basename(path), {}).get("layer")
        try:
            doc = load(path)
        except (ValueError, UnicodeDecodeError):
            if layer != "syntax":
                failures.append(f"{path}: expected layer {layer}, but Python cannot parse it")
            continue
        if layer == "syntax":
            failures.append(f"{path}: expected a syntax error, but Python parses it")
            continue
        errors = list(validator.iter_errors(doc))
        if layer == "schema" and not errors:
            failures.append(f"{path}: the schema accepts a file that must fail the schema")
        if layer == "rule":
            for e in errors:
                failures.append(f"{path}: a rule-level fixture must pass the schema: {e.json_path}: {e.message}")

    for f in failures:
        print("FAIL", f)
    print(f"checked {checked} files against {', '.join(os.path.relpath(p, ROOT) for p in SCHEMAS.values())}: "
          f"{'ok' if not failures else str(len(failures)) + ' failure(s)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
