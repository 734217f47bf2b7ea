"""The package and the `actionplan` command give the same issues and the
same statuses: the same crates, reached two ways."""

import json

import pytest

import actionplan
from actionplan import _from_json
from conftest import invalid_files, short, valid_files, with_reports

EVERY_FILE = valid_files() + [p for p, _ in invalid_files()]


@pytest.mark.parametrize("path", EVERY_FILE, ids=short)
def test_validate_lists_the_issues_the_command_lists(cli, path):
    code, out, err = cli("validate", path, "--format", "json")
    assert code in (0, 1), err
    (command,) = json.loads(out)
    ours = actionplan.validate(path)
    assert [i.to_dict() for i in ours] == command["issues"]
    assert command["valid"] == (not any(i.is_error for i in ours))


@pytest.mark.parametrize("path", with_reports(valid_files()), ids=short)
@pytest.mark.parametrize("command", ["evaluate", "funding"])
def test_evaluate_and_funding_give_what_the_command_prints(cli, path, command):
    code, out, err = cli(command, path, "--format", "json")
    assert code == 0, err
    plan = actionplan.load(path)
    ours = getattr(actionplan, command)(plan)
    assert ours.to_dict() == _from_json(out)
    if command == "evaluate":
        statuses = {i["indicator"]: i["standing"] for i in json.loads(out)["indicators"]}
        assert ours.statuses() == statuses


@pytest.mark.parametrize("path", with_reports(valid_files()), ids=short)
@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_report_is_the_command_s_report(cli, path, fmt):
    code, out, err = cli("report", path, "--format", fmt)
    assert code == 0, err
    assert actionplan.report(actionplan.load(path), format=fmt) == out


def test_canonical_and_schema_are_the_command_s(cli, tmp_path):
    plan = actionplan.load(valid_files()[0])
    copy = tmp_path / "copy.json"
    copy.write_text(actionplan.canonical(plan), encoding="utf-8")
    code, out, _ = cli("fmt", copy, "--check")
    assert code == 0, out
    code, out, _ = cli("schema")
    assert code == 0 and json.loads(out) == actionplan.schema()


def test_diff_is_the_command_s(cli):
    files = with_reports(valid_files())
    old, new = files[0], files[-1]
    code, out, err = cli("diff", old, new, "--format", "json")
    assert code == 0, err
    assert actionplan.diff(actionplan.load(old), actionplan.load(new)).to_dict() == _from_json(out)
