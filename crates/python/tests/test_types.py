"""Money and values are Decimal, dates are datetime.date: never a float,
and no figure left behind as a string."""

import datetime
import json
import random
import re
from decimal import Decimal

import pytest

import actionplan
from conftest import SEED, short, valid_files, with_reports

DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Members whose text may look like a number and is not one: the format
# version (`1.0`), paragraph references (`21`), a comparison's figure as
# written (`11`).
TEXT_MEMBERS = {"version", "paragraphs", "paragraph"}


def results(path):
    plan = actionplan.load(path)
    yield "plan", plan.to_dict()
    if json.loads(path.read_text(encoding="utf-8")).get("reports"):
        yield "evaluate", actionplan.evaluate(plan).to_dict()
        yield "funding", actionplan.funding(plan).to_dict()
        yield "diff", actionplan.diff(plan, plan).to_dict()
    else:
        as_of = datetime.date(2017, 6, 30)
        yield "evaluate", actionplan.evaluate(plan, as_of=as_of).to_dict()
        yield "funding", actionplan.funding(plan, as_of=as_of).to_dict()
    yield "issues", [i.to_dict() for i in actionplan.validate(path)]


def walk(value, member=None, where=""):
    """(where, member, value) of every leaf."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, k, f"{where}/{k}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from walk(v, member, f"{where}/{n}")
    else:
        yield where, member, value


ALLOWED = (str, int, bool, type(None), Decimal, datetime.date)


@pytest.mark.parametrize("path", valid_files(), ids=short)
def test_no_float_anywhere_in_to_dict(path):
    for name, result in results(path):
        for where, _, value in walk(result):
            assert not isinstance(value, float), f"{name}{where}: float {value!r}"
            assert isinstance(value, ALLOWED), f"{name}{where}: {type(value).__name__}"


@pytest.mark.parametrize("path", valid_files(), ids=short)
def test_no_figure_or_date_is_left_as_a_string(path):
    for name, result in results(path):
        for where, member, value in walk(result):
            if not isinstance(value, str) or member in TEXT_MEMBERS:
                continue
            if name == "diff" and member == "value":
                continue
            if name == "issues" or "/extensions" in where:
                continue
            assert not DECIMAL.match(value), f"{name}{where}: {value!r} stayed a string"
            assert not DATE.match(value), f"{name}{where}: {value!r} stayed a string"


def test_the_seed_s_figures_have_python_types():
    e = actionplan.evaluate(actionplan.load(SEED))
    briefs = next(i for i in e.indicators if i.indicator == "impact-briefs")
    assert briefs.target == Decimal("4")
    assert isinstance(briefs.time_elapsed, Decimal)
    assert isinstance(briefs.deadline, datetime.date)
    assert isinstance(e.policy.on_track, Decimal)
    # A month stays text: Python has no year-month type.
    late = next(i for i in e.indicators if i.indicator == "procurement-report-published")
    assert late.achieved_on == "2016-05"


def mutations(data, rng, n):
    """Damaged copies of a file: truncated, a byte changed, a span repeated."""
    for _ in range(n):
        b = bytearray(data)
        kind = rng.randrange(3)
        at = rng.randrange(len(b))
        if kind == 0:
            del b[at:]
        elif kind == 1:
            b[at] = rng.choice(b'{}[]",:0123456789-.aZ \n\x00\xff')
        else:
            end = min(len(b), at + rng.randrange(1, 64))
            b[at:at] = b[at:end]
        yield bytes(b)


def test_damaged_files_give_issues_or_a_plan_never_anything_else():
    """Random damage (a fixed seed, so a failure reproduces): validate()
    returns issues, load() returns a plan or raises ValidationError, and
    every loaded plan evaluates or says why not (ValueError). No panic, no
    other exception."""
    rng = random.Random(15)
    data = SEED.read_bytes()
    for damaged in mutations(data, rng, 150):
        issues = actionplan.validate(damaged)
        try:
            plan = actionplan.load(damaged)
        except actionplan.ValidationError as e:
            assert e.errors and all(i in issues for i in e.issues)
            continue
        assert not any(i.is_error for i in issues)
        try:
            actionplan.evaluate(plan, as_of=datetime.date(2017, 1, 1))
        except ValueError as e:
            assert str(e)


def test_every_valid_file_with_a_report_is_covered():
    assert with_reports(valid_files()), "no example with a progress report"
