"""Read, check, evaluate and report on ILO action plan exchange files.

The rules are the actionplan Rust crates', compiled into this package
(``actionplan._native``): a file checked here gives the same issues, and a
plan evaluated here the same statuses, as the ``actionplan`` command.

    >>> import actionplan
    >>> plan = actionplan.load("docs/examples/sme-action-plan-2016.json")
    >>> print(actionplan.evaluate(plan).overall)   # the plan's standing
    overdue

Python types, never floats: money and measured values are
``decimal.Decimal``, dates ``datetime.date``. A deadline given as a month
(``"2016-03"``) and a biennium (``"2016-17"``) stay strings: Python has no
type for them. Every result has ``to_dict()`` (plain dicts, lists, ``str``,
``int``, ``bool``, ``None``, ``Decimal`` and ``date``) and
``to_dataframe()`` when pandas is installed (it is not a dependency).

Inputs (``validate``, ``load``): ``bytes`` are the file's content; a ``str``
whose first non-blank character is ``{`` is the file's JSON text; any other
``str`` or an ``os.PathLike`` is a path; an object with ``read()`` (an open
file) is read.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from decimal import Decimal
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union

from . import _native

__all__ = [
    "Diff",
    "Evaluation",
    "Funding",
    "Issue",
    "Plan",
    "Record",
    "Rollup",
    "ValidationError",
    "canonical",
    "diff",
    "evaluate",
    "funding",
    "load",
    "report",
    "schema",
    "validate",
]

Source = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", "os.PathLike[bytes]", Any]

# The exchange grammar of a decimal (no exponent, no sign but `-`): only
# strings of this shape become Decimal, and only under the keys below.
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_CURRENCY = re.compile(r"[A-Z]{3}\Z")

# Members that hold a decimal (money amounts, observed and target values,
# ratios and thresholds) in the plan and in the command's JSON results.
# tests/test_types.py fails when a result carries a decimal-looking string
# under a member missing here, so a new figure cannot slip through as str.
DECIMAL_MEMBERS = frozenset(
    {
        "amount",
        "approved",
        "at_risk",
        "baseline",
        "delivery_percent",
        "exact",
        "from",
        "gap",
        "expected",
        "observed",
        "on_track",
        "on_track_share",
        "progress",
        "progress_fraction",
        "progress_percent",
        "rate",
        "required",
        "secured",
        "spent",
        "target",
        "time_elapsed",
        "unspent",
        "value",
    }
)

# Members that hold a date (`YYYY-MM-DD`); a month (`YYYY-MM`) under the
# same member stays a string.
DATE_MEMBERS = frozenset(
    {
        "achieved_on",
        "as_of",
        "by",
        "closes",
        "completed",
        "date",
        "deadline",
        "effective",
        "line_starts",
        "new_as_of",
        "observed_on",
        "on",
        "old_as_of",
        "opens",
        "spent_as_of",
        "work_starts",
    }
)


def _convert(value: Any, member: Optional[str] = None) -> Any:
    """JSON from the native half to Python types: decimals and dates by
    member name and grammar, everything else as JSON gives it."""
    if isinstance(value, dict):
        if value.get("change") == "new_figure":
            # A figure as written in a comparison (`11`, `USD 90000000`,
            # `met`) is text: one type for every figure.
            return {k: v if k == "value" else _convert(v, k) for k, v in value.items()}
        if member == "values" and all(isinstance(v, str) for v in value.values()):
            # The parts of a split (format 1.1), keyed by the codes of a
            # dimension: every part is a decimal.
            return {k: _convert(v, "value") for k, v in value.items()}
        return {k: _convert(v, k) for k, v in value.items()}
    if isinstance(value, list):
        # The items of a list belong to the list's member (`"values": [...]`).
        return [_convert(v, member) for v in value]
    if isinstance(value, str) and member is not None:
        if (member in DECIMAL_MEMBERS or _CURRENCY.match(member)) and _DECIMAL.match(value):
            return Decimal(value)
        if member in DATE_MEMBERS and _DATE.match(value):
            return datetime.date.fromisoformat(value)
    return value


def _from_json(text: str) -> Any:
    # No JSON number of ours has a fraction; should one ever, it is exact.
    return _convert(json.loads(text, parse_float=Decimal))


class Record(Mapping[str, Any]):
    """A read-only view of one object of a result: members as attributes
    (``r.status``) or keys (``r["status"]``); nested objects are Records
    too. ``to_dict()`` gives plain Python data."""

    __slots__ = ("_data",)

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return _wrap(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> Any:
        try:
            return _wrap(self._data[name])
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no member {name!r}") from None

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._data))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def to_dict(self) -> Dict[str, Any]:
        """The object as plain Python data (a deep copy)."""
        data: Dict[str, Any] = _copy(self._data)
        return data


class Rollup(Record):
    """A roll-up: ``status`` (the standing) and ``counts`` per status.
    ``str()`` of a roll-up is its status."""

    __slots__ = ()

    def __str__(self) -> str:
        return str(self._data.get("status"))


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        if "counts" in value and "status" in value:
            return Rollup(value)
        return Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _dataframe(rows: List[Dict[str, Any]]) -> Any:
    try:
        # Optional, imported when asked for; typed or not, installed or not.
        import pandas  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as e:
        raise ImportError("to_dataframe() needs pandas: pip install pandas") from e
    return pandas.DataFrame(rows)


def _flat(row: Dict[str, Any]) -> Dict[str, Any]:
    """One table row: nested objects and lists as their JSON text would be
    awkward in a cell, so lists become tuples and objects stay dicts."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}


class Evaluation(Record):
    """The plan evaluated as of a date: ``as_of``, ``indicators`` (derived
    and asserted status, standing, progress, …), roll-ups of
    ``deliverables``, ``items``, ``categories``, ``biennia`` and
    ``overall`` (the plan's standing: ``print(e.overall)``)."""

    __slots__ = ()

    @property
    def overall(self) -> Rollup:
        return Rollup(self._data["overall"])

    def statuses(self) -> Dict[str, str]:
        """Each indicator's id and standing."""
        return {i["indicator"]: i["standing"] for i in self._data["indicators"]}

    def to_dataframe(self) -> Any:
        """One row per indicator (needs pandas)."""
        return _dataframe([_flat(i) for i in self._data["indicators"]])


class Funding(Record):
    """The funding picture as of a date: per deliverable and item, the
    deliverables waiting for resources, unfunded requests, portfolios
    against their targets, and ``totals`` per currency."""

    __slots__ = ()

    def to_dataframe(self) -> Any:
        """One row per deliverable (needs pandas)."""
        return _dataframe([_flat(d) for d in self._data["deliverables"]])


class Diff(Record):
    """What changed between two versions of a plan, each evaluated as of
    its own latest report."""

    __slots__ = ()

    def to_dataframe(self) -> Any:
        """One row per change (needs pandas)."""
        return _dataframe([_flat(c) for c in self._data["changes"]])


class Issue:
    """One problem found in a file.

    ``severity`` (``"error"`` or ``"warning"``), ``code`` (a rule ``AP001``,
    a schema keyword ``schema/required``, a syntax problem ``syntax/eof``),
    ``message`` (what is wrong and what to write), ``pointer`` (RFC 6901 JSON
    pointer, ``""`` for syntax issues), ``line`` and ``column`` (from 1, or
    ``None``), ``layer`` (``"syntax"``, ``"schema"`` or ``"rule"``)."""

    __slots__ = ("code", "column", "layer", "line", "message", "pointer", "severity")

    def __init__(
        self,
        severity: str,
        code: str,
        message: str,
        pointer: str,
        line: Optional[int],
        column: Optional[int],
        layer: str,
    ) -> None:
        self.severity = severity
        self.code = code
        self.message = message
        self.pointer = pointer
        self.line = line
        self.column = column
        self.layer = layer

    @classmethod
    def _from(cls, d: Dict[str, Any]) -> Issue:
        return cls(
            d["severity"], d["code"], d["message"], d["pointer"], d.get("line"), d.get("column"), d["layer"]
        )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> Dict[str, Any]:
        """The issue as ``actionplan validate --format json`` lists it."""
        return {
            "layer": self.layer,
            "code": self.code,
            "severity": self.severity,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Issue) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.to_dict().values()))

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}: " if self.line is not None else ""
        at = f" at {self.pointer}" if self.pointer else ""
        return f"{where}{self.severity}[{self.code}]{at}: {self.message}"

    def __repr__(self) -> str:
        return f"Issue({self.to_dict()!r})"


class ValidationError(ValueError):
    """The file has errors; ``issues`` lists every issue (errors and
    warnings), ``errors`` only the errors."""

    def __init__(self, source: str, issues: List[Issue], omitted: int = 0) -> None:
        self.source = source
        self.issues = issues
        self.omitted = omitted
        errors = self.errors
        first = f": {errors[0]}" if errors else ""
        more = f" (and {len(errors) - 1 + omitted} more)" if len(errors) + omitted > 1 else ""
        super().__init__(f"{source}: invalid, {len(errors) + omitted} error(s){first}{more}")

    @property
    def errors(self) -> List[Issue]:
        return [i for i in self.issues if i.is_error]


class Plan:
    """A checked exchange file: the plan and its progress reports. Made by
    :func:`load` only, so it has passed every check."""

    __slots__ = ("_envelope", "source")

    def __init__(self, envelope: Any, source: str) -> None:
        self._envelope = envelope
        self.source = source

    @property
    def id(self) -> str:
        """The plan's id."""
        return str(self._envelope.plan_id)

    @property
    def report_count(self) -> int:
        """How many progress reports the file holds."""
        return int(self._envelope.report_count)

    def to_dict(self) -> Dict[str, Any]:
        """The whole file (canonical form) as Python data."""
        data: Dict[str, Any] = _from_json(_native.canonical(self._envelope))
        return data

    def __repr__(self) -> str:
        return f"<actionplan.Plan {self.id} from {self.source}, {self.report_count} report(s)>"


def _read(data: Source) -> Tuple[bytes, str]:
    """The bytes of `data` and a name to show in messages."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data), "<bytes>"
    if isinstance(data, str) and data.lstrip().startswith("{"):
        return data.encode("utf-8"), "<text>"
    if isinstance(data, (str, os.PathLike)):
        path = os.fspath(data)
        with open(path, "rb") as f:
            # One byte past the limit, so that the check says it is too big.
            content = f.read(_native.MAX_INPUT_BYTES + 1)
        return content, os.fsdecode(path)
    read = getattr(data, "read", None)
    if callable(read):
        content = read(_native.MAX_INPUT_BYTES + 1)
        name = str(getattr(data, "name", "<stream>"))
        return (content.encode("utf-8") if isinstance(content, str) else bytes(content)), name
    raise TypeError(
        f"expected bytes, a JSON text, a path or an open file, not {type(data).__name__}"
    )


def _check(data: Source) -> Tuple[List[Issue], int, Any, str]:
    content, name = _read(data)
    report_json, envelope = _native.check(content)
    report = json.loads(report_json)
    issues = [Issue._from(i) for i in report["issues"]]
    omitted = sum(int(o.get("count", 0)) for o in report.get("omitted", []))
    return issues, omitted, envelope, name


def validate(data: Source) -> List[Issue]:
    """Every issue in the file (syntax, schema, rules), errors and
    warnings, as ``actionplan validate --format json`` lists them. An empty
    list: the file is valid. Past 200 issues the rest are not listed."""
    return _check(data)[0]


def load(data: Source) -> Plan:
    """The checked plan, or :class:`ValidationError` (a ``ValueError``)
    carrying the issues. Warnings do not stop loading."""
    issues, omitted, envelope, name = _check(data)
    if envelope is None:
        raise ValidationError(name, issues, omitted)
    return Plan(envelope, name)


def _as_of(as_of: Optional[datetime.date]) -> Optional[str]:
    if as_of is None:
        return None
    if isinstance(as_of, datetime.datetime):
        # A datetime is a date in Python; its time of day would be dropped.
        raise TypeError("as_of must be a datetime.date, not a datetime.datetime: use .date()")
    if not isinstance(as_of, datetime.date):
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    return as_of.isoformat()


def _plan(plan: Plan) -> Any:
    if not isinstance(plan, Plan):
        raise TypeError(f"expected an actionplan.Plan (from actionplan.load), not {type(plan).__name__}")
    return plan._envelope


def evaluate(plan: Plan, as_of: Optional[datetime.date] = None) -> Evaluation:
    """Statuses and roll-ups as of ``as_of`` (default: the latest report's
    as-of date), as ``actionplan evaluate --format json`` gives them."""
    return Evaluation(_from_json(_native.evaluate_json(_plan(plan), _as_of(as_of))))


def funding(
    plan: Plan, as_of: Optional[datetime.date] = None, currency: Optional[str] = None
) -> Funding:
    """The funding picture as of ``as_of`` (default: the latest report's
    as-of date), as ``actionplan funding --format json`` gives it.

    Totals are per currency. With ``currency`` (an ISO 4217 code such as
    ``"USD"``), as with ``actionplan funding --currency``, every group of
    totals also has ``in_currency``: its totals in that currency converted
    with the exchange rates the file states (format 1.1), with the rates
    used, or the reasons it could not be converted (a missing rate names
    the currency pair and date); never an invented or current rate."""
    if currency is not None and (not isinstance(currency, str) or not _CURRENCY.match(currency)):
        raise ValueError(f"currency {currency!r}: write an ISO 4217 code in capitals, such as 'USD'")
    return Funding(_from_json(_native.funding_json(_plan(plan), _as_of(as_of), currency)))


def report(
    plan: Plan, format: str = "html", as_of: Optional[datetime.date] = None, lang: str = "en"
) -> str:
    """The "planned results vs. achievements" report as text: ``format``
    ``"html"`` (one self-contained page), ``"md"``, ``"csv"`` or ``"json"``;
    ``lang`` ``"en"``, ``"fr"`` or ``"es"``."""
    return str(_native.report(_plan(plan), format, _as_of(as_of), lang))


def diff(old: Plan, new: Plan) -> Diff:
    """What changed from ``old`` to ``new``, each evaluated as of its own
    latest report, as ``actionplan diff --format json`` gives it."""
    return Diff(_from_json(_native.diff_json(_plan(old), _plan(new))))


def canonical(plan: Plan) -> str:
    """The file in canonical form, as ``actionplan fmt`` writes it."""
    return str(_native.canonical(_plan(plan)))


def schema() -> Dict[str, Any]:
    """The published JSON Schema of the exchange format (Draft 2020-12)."""
    result: Dict[str, Any] = json.loads(_native.schema())
    return result
