"""The Python examples of docs/embedding.md run as a reader copies them:
the package's, and the command's through a subprocess."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, invalid_files

EXAMPLES = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "embedding.md").read_text(encoding="utf-8"), re.S)


def run(code, *args, env=None):
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env
    )


@pytest.fixture(scope="module")
def with_command(cli):
    """An environment whose PATH finds the `actionplan` command."""
    binary = os.environ.get("ACTIONPLAN_BIN") or str(
        Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "actionplan"
    )
    cli("schema")  # builds it when ACTIONPLAN_BIN is not set
    env = dict(os.environ)
    env["PATH"] = f"{Path(binary).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_the_document_has_both_python_examples():
    assert len(EXAMPLES) == 2


@pytest.mark.parametrize("n", [0, 1], ids=["package", "subprocess"])
def test_an_example_prints_the_statuses_of_the_seed(n, with_command):
    r = run(EXAMPLES[n], env=with_command)
    assert r.returncode == 0, r.stderr
    assert "eese-review-published: overdue" in r.stdout
    assert r.stdout.rstrip().splitlines()[-1 if n else -2] == "plan sme-action-plan-2016-2019: overdue"


@pytest.mark.parametrize("n", [0, 1], ids=["package", "subprocess"])
def test_an_example_reports_where_a_received_file_is_wrong(n, with_command):
    path, expected = next((p, e) for p, e in invalid_files() if e["layer"] == "rule" and e["code"] == "AP002")
    r = run(EXAMPLES[n], path, env=with_command)
    assert r.returncode == 1, r.stderr
    assert f"error[AP002] at {expected['pointer']}" in r.stdout
    assert re.search(rf"{re.escape(str(path))}:[0-9]+:[0-9]+: ", r.stdout)
