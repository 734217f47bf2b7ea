"""Shared paths for the tests: the workspace root, the example, the
fixture corpora, and the `actionplan` command built from the same sources
(ACTIONPLAN_BIN, else built here with cargo)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "docs" / "examples" / "sme-action-plan-2016.json"
INTERCHANGE_TESTS = ROOT / "crates" / "interchange" / "tests"


def fixture_sets():
    """Every fixture corpus: a folder with expected.json, valid/ and
    invalid/ (format 1.1 may add corpora beside the 1.0 one)."""
    return sorted(p.parent for p in INTERCHANGE_TESTS.rglob("expected.json"))


def valid_files():
    files = sorted((ROOT / "docs" / "examples").glob("*.json"))
    for d in fixture_sets():
        files += sorted((d / "valid").glob("*.json"))
    return files


def invalid_files():
    """(path, expectation) of every invalid fixture."""
    out = []
    for d in fixture_sets():
        expected = json.loads((d / "expected.json").read_text(encoding="utf-8"))
        for path in sorted((d / "invalid").glob("*.json")):
            out.append((path, expected[path.name]))
    return out


def with_reports(files):
    """The files that have a progress report (evaluation needs a date)."""
    return [f for f in files if json.loads(f.read_text(encoding="utf-8")).get("reports")]


def short(path):
    return str(Path(path).relative_to(ROOT))


@pytest.fixture(scope="session")
def cli():
    """Runs the `actionplan` command; returns (exit code, stdout, stderr)."""
    binary = os.environ.get("ACTIONPLAN_BIN")
    if not binary:
        subprocess.run(["cargo", "build", "-q", "-p", "actionplan-cli"], cwd=ROOT, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        binary = str(target / "debug" / "actionplan")

    def run(*args):
        # Bytes, decoded without newline translation: CSV ends rows in CRLF.
        r = subprocess.run([binary, *map(str, args)], capture_output=True, cwd=ROOT)
        return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")

    return run
