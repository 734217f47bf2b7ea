#!/usr/bin/env python3
"""Compares Python's jsonschema with the Rust reader on mutated documents
written by the ignored test `dump_mutations_for_python`:

    AGREEMENT_DUMP=/tmp/mutations cargo test -p actionplan-interchange \\
        --test agreement -- --ignored
    python3 crates/interchange/tests/python/check_mutations.py /tmp/mutations

Each file name ends in `-accept.json` or `-reject.json`, the Rust reader's
verdict; Python must reach the same one.
"""
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator

SCHEMA_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "docs", "schema")
validators = {}
for version in ("1.0", "1.1"):
    with open(os.path.join(SCHEMA_DIR, f"actionplan-{version}.schema.json"), encoding="utf-8") as f:
        validators[version] = Draft202012Validator(json.load(f), format_checker=Draft202012Validator.FORMAT_CHECKER)


class ByVersion:
    """The schema of the version a document states (1.0, else 1.1)."""

    @staticmethod
    def pick(doc):
        version = doc.get("version") if isinstance(doc, dict) else None
        return validators["1.0" if version == "1.0" else "1.1"]

    def is_valid(self, doc):
        return self.pick(doc).is_valid(doc)

    def iter_errors(self, doc):
        return self.pick(doc).iter_errors(doc)


validator = ByVersion()
bad = 0
files = sorted(glob.glob(os.path.join(sys.argv[1], "*.json")))
for path in files:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    python = "accept" if validator.is_valid(doc) else "reject"
    rust = path.rsplit("-", 1)[1][:-5]
    if python != rust:
        bad += 1
        print(f"DISAGREE {os.path.basename(path)}: python {python}, rust {rust}")
        for e in list(validator.iter_errors(doc))[:3]:
            print("   ", e.json_path, e.message[:160])
print(f"{len(files)} documents, {bad} disagreement(s)")
sys.exit(1 if bad or not files else 0)
