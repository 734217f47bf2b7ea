"""Validates one exchange file against the published schema with Python's
jsonschema (Draft 2020-12, formats checked): exit 0 when valid, 1 otherwise.
Usage: python3 validate.py SCHEMA FILE"""
import json
import sys

from jsonschema import Draft202012Validator

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    document = json.load(f)
validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
errors = [e for _, e in zip(range(5), validator.iter_errors(document))]
for e in errors:
    print(f"{e.json_path}: {e.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
