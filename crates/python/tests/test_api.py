"""Every function of the package on the example and the fixtures."""

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

import actionplan
from conftest import ROOT, SEED, invalid_files, short, valid_files, with_reports


@pytest.fixture(scope="module")
def seed():
    return actionplan.load(SEED)


def test_the_issue_s_one_liner_prints_the_plan_s_standing(seed):
    overall = actionplan.evaluate(seed).overall
    assert str(overall) == "overdue"
    assert overall.status == "overdue"
    assert sum(overall.counts.values()) == overall.total == 12


@pytest.mark.parametrize("path", valid_files(), ids=short)
def test_every_valid_file_validates_clean_and_loads(path):
    assert [i for i in actionplan.validate(path) if i.is_error] == []
    plan = actionplan.load(path)
    assert plan.id == json.loads(path.read_text(encoding="utf-8"))["plan"]["id"]
    # Canonical text is a fixed point: loading it gives the same canonical text.
    text = actionplan.canonical(plan)
    assert actionplan.canonical(actionplan.load(text)) == text


def test_every_input_form_gives_the_same_issues():
    path = next(p for p, e in invalid_files() if e["layer"] == "rule")
    data = path.read_bytes()
    expected = actionplan.validate(path)
    assert expected
    assert actionplan.validate(str(path)) == expected
    assert actionplan.validate(data) == expected
    assert actionplan.validate(bytearray(data)) == expected
    assert actionplan.validate(data.decode("utf-8")) == expected
    assert actionplan.validate(io.BytesIO(data)) == expected
    with open(path, encoding="utf-8") as f:
        assert actionplan.validate(f) == expected


def test_a_missing_file_is_an_os_error_and_a_wrong_type_a_type_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        actionplan.validate(tmp_path / "absent.json")
    with pytest.raises(TypeError):
        actionplan.validate(42)
    with pytest.raises(TypeError):
        actionplan.evaluate("docs/examples/sme-action-plan-2016.json")


@pytest.mark.parametrize("case", invalid_files(), ids=lambda c: short(c[0]))
def test_an_invalid_file_raises_validation_error_with_pointer_and_line(case):
    path, expected = case
    named = [i for i in actionplan.validate(path) if i.code == expected["code"]]
    assert named, f"{expected['code']} not raised"
    if all(i.severity == "warning" for i in named):
        # A warning does not stop loading; it is still listed, with where.
        assert actionplan.load(path).id
        assert any(i.pointer == expected["pointer"] and i.line for i in named)
        return
    with pytest.raises(actionplan.ValidationError) as raised:
        actionplan.load(path)
    e = raised.value
    assert isinstance(e, ValueError)
    assert e.errors, "a ValidationError carries its errors"
    assert any(i.code == expected["code"] for i in e.errors), [i.code for i in e.errors]
    if expected["pointer"]:
        assert any(i.pointer == expected["pointer"] for i in e.errors), [str(i) for i in e.errors]
    # Where the file is JSON, every error says where it is.
    if expected["layer"] != "syntax" or expected["at"] is not None:
        for i in e.errors:
            assert i.line is not None and i.column is not None, str(i)
            assert i.line >= 1 and i.column >= 1
    # The message names the file and the first error.
    assert str(path) in str(e)
    assert e.errors[0].message in str(e)


def test_an_issue_points_at_the_offending_text():
    path, expected = next(
        (p, e) for p, e in invalid_files() if e["layer"] == "rule" and e["at"]
    )
    issue = next(i for i in actionplan.validate(path) if i.code == expected["code"])
    line = path.read_text(encoding="utf-8").splitlines()[issue.line - 1]
    assert line[issue.column - 1 :].startswith(expected["at"])
    assert issue.severity == "error" and issue.layer == "rule"
    assert f"{issue.line}:{issue.column}" in str(issue) and issue.pointer in str(issue)


def test_evaluate_as_of_a_date(seed):
    latest = actionplan.evaluate(seed)
    assert latest.as_of == datetime.date(2016, 7, 31)
    earlier = actionplan.evaluate(seed, as_of=datetime.date(2016, 1, 31))
    assert earlier.as_of == datetime.date(2016, 1, 31)
    assert earlier.statuses() != latest.statuses()
    with pytest.raises(TypeError):
        actionplan.evaluate(seed, as_of="2016-07-31")
    with pytest.raises(TypeError):
        actionplan.evaluate(seed, as_of=datetime.datetime(2016, 7, 31, 12))


def test_a_plan_without_report_needs_as_of():
    path = next(p for p in valid_files() if p not in with_reports(valid_files()))
    plan = actionplan.load(path)
    with pytest.raises(ValueError, match="as_of"):
        actionplan.evaluate(plan)
    e = actionplan.evaluate(plan, as_of=datetime.date(2017, 1, 1))
    assert e.as_of == datetime.date(2017, 1, 1)
    assert actionplan.funding(plan, as_of=datetime.date(2017, 1, 1)).as_of == datetime.date(2017, 1, 1)
    assert "<html" in actionplan.report(plan, as_of=datetime.date(2017, 1, 1))


def test_funding_of_the_seed(seed):
    f = actionplan.funding(seed)
    portfolio = f.portfolios[0]
    assert portfolio.target.amount == Decimal("100000000")
    assert portfolio.baseline.amount.amount == Decimal("84000000")
    assert portfolio.remaining_gap.amount == Decimal("16000000")
    assert portfolio.remaining_gap.currency == "USD"
    assert portfolio.baseline.as_of == datetime.date(2015, 8, 15)
    assert [d.deliverable for d in f.deliverables]


def test_funding_in_one_currency_says_why_without_a_stated_rate():
    # A 1.0 plan whose resource lines have amounts in two currencies and no
    # exchange rate: the totals stay per currency, with the reason.
    plan = json.loads(SEED.read_text(encoding="utf-8"))
    lines = plan["plan"]["resources"]["lines"]
    lines[0]["required"] = {"amount": "1000", "currency": "USD"}
    lines[1]["required"] = {"amount": "500", "currency": "CHF"}
    loaded = actionplan.load(json.dumps(plan))
    every = actionplan.funding(loaded).totals.all
    assert every.required == {"USD": Decimal("1000"), "CHF": Decimal("500")}
    assert "in_currency" not in every
    usd = actionplan.funding(loaded, currency="USD").totals.all
    assert usd.required == {"USD": Decimal("1000"), "CHF": Decimal("500")}
    assert usd.in_currency.result == "per_currency"
    assert usd.in_currency.currency == "USD"
    reasons = usd.in_currency.to_dict()["reasons"]
    assert reasons and all(r["from"] == "CHF" and r["to"] == "USD" for r in reasons), reasons
    with pytest.raises(ValueError, match="ISO 4217"):
        actionplan.funding(loaded, currency="usd")


def test_funding_converts_with_the_rate_the_file_states():
    # The 1.1 example states CHF 1 = USD 1.0120 (2018-01-02): the SECO line
    # approves CHF 2,000,000, so USD 2,024,000 beside the USD lines.
    programme = actionplan.load(ROOT / "docs" / "examples" / "supply-chains-programme-2017-2021.json")
    every = actionplan.funding(programme, as_of=datetime.date(2020, 9, 30), currency="USD").totals.all
    converted = every.in_currency
    assert converted.result == "converted"
    assert converted.approved.amount == Decimal("3624000.00")
    assert converted.approved.currency == "USD"
    assert [(r["from"], r["to"], r["rate"]) for r in converted.to_dict()["rates"]] == [
        ("CHF", "USD", Decimal("1.0120"))
    ]
    assert converted.rates[0].date == datetime.date(2018, 1, 2)


@pytest.mark.parametrize("fmt, start", [("html", "<!DOCTYPE html>"), ("md", "#"), ("csv", None), ("json", "{")])
def test_report_in_every_format(seed, fmt, start):
    text = actionplan.report(seed, format=fmt)
    assert text
    if start:
        assert text.startswith(start)
    if fmt == "json":
        json.loads(text)
    if fmt == "csv":
        assert text.splitlines()[0].count(",") >= 3


def test_report_refuses_an_unknown_format_or_language(seed):
    with pytest.raises(ValueError, match="pdf"):
        actionplan.report(seed, format="pdf")
    with pytest.raises(ValueError, match="de"):
        actionplan.report(seed, lang="de")
    assert 'lang="fr"' in actionplan.report(seed, lang="fr")


def test_diff_of_two_versions(seed):
    assert actionplan.diff(seed, seed).changes == []
    newer = json.loads(SEED.read_text(encoding="utf-8"))
    newer["reports"][0]["as_of"] = "2017-12-31"
    d = actionplan.diff(seed, actionplan.load(json.dumps(newer)))
    assert d.old_as_of == datetime.date(2016, 7, 31)
    assert d.new_as_of == datetime.date(2017, 12, 31)
    assert any(c.change == "status" for c in d.changes)


def test_schema_is_a_published_file():
    published = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs" / "schema").glob("*.schema.json"))
    ]
    assert actionplan.schema() in published


def test_to_dict_of_a_plan_is_its_canonical_json(seed):
    d = seed.to_dict()
    assert d["plan"]["id"] == seed.id
    # The report speaks as of a month: it stays text.
    assert d["reports"][0]["as_of"] == "2016-07"
    assert d["reports"][0]["document"]["date"] == datetime.date(2016, 9, 20)


def test_to_dataframe_needs_pandas_or_gives_one_row_per_indicator(seed):
    e = actionplan.evaluate(seed)
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pandas"):
            e.to_dataframe()
        return
    df = e.to_dataframe()
    assert list(df["indicator"]) == [i.indicator for i in e.indicators]
    assert len(actionplan.funding(seed).to_dataframe()) == len(actionplan.funding(seed).deliverables)
