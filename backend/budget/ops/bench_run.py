"""`make bench`, the measuring half: latency, queries and the raw-SQL floor per request.

Requests go through Django's whole stack (middleware, URL routing, JWT authentication, DRF) with the
test client, on whatever database and cache are configured. The floor of a line is the p50 of its
SELECT statements sent again straight through the database driver: what is left when Django, DRF
and JSON cost nothing.
"""

import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework_simplejwt.tokens import RefreshToken

from budget.core import pagination
from budget.ledger.selectors import transaction_list
from budget.reports.services import ledger_version_change

from .bench import Built


@dataclass
class Row:
    name: str
    mode: str
    p50: float
    p95: float
    queries: int
    status: int
    floor: float  # p50 of the same SELECTs sent straight to the database: what the database costs


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class _Request:
    client: Client
    path: str
    before: object = None  # called before each timed request (uncached lines forget the report)


def _selects(request: _Request) -> list[str]:
    """The SELECTs of one more request, as it sends them."""
    if request.before:
        request.before()
    with CaptureQueriesContext(connection) as queries:
        request.client.get(request.path)
    return [query["sql"] for query in queries.captured_queries]


def measure(requests: list[_Request], *, repeat: int) -> list[tuple[float, float, int, int, float]]:
    """Per request: p50 and p95 in milliseconds, queries of one more, its status, and the raw-SQL
    floor of those queries (the p50 of its SELECTs sent straight through the driver, without
    Django). The requests take turns, one round at a time, so a change in the machine's load falls
    on all of them alike and the ratios between them stay fair."""
    timings: list[list[float]] = [[] for _ in requests]
    statuses = [0] * len(requests)
    for _ in range(repeat + 2):  # two warm-up rounds: imports, connection, first plans
        for number, request in enumerate(requests):
            if request.before:
                request.before()
            began = time.perf_counter()
            statuses[number] = request.client.get(request.path).status_code
            timings[number].append((time.perf_counter() - began) * 1000)
    statements = [_selects(request) for request in requests]
    floors: list[list[float]] = [[] for _ in requests]
    raw = connection.connection.cursor()
    for _ in range(repeat + 1):
        for number, selects in enumerate(statements):
            began = time.perf_counter()
            for sql in selects:
                if sql.lstrip().upper().startswith("SELECT"):
                    raw.execute(sql)
                    raw.fetchall()
            floors[number].append((time.perf_counter() - began) * 1000)
    raw.close()
    return [
        (
            _percentile(timings[number][2:], 0.5),
            _percentile(timings[number][2:], 0.95),
            len(statements[number]),
            statuses[number],
            _percentile(floors[number][1:], 0.5),
        )
        for number in range(len(requests))
    ]


CURSOR_DEPTH = 2000  # pages


def _cursor_at(user, depth: int) -> str:
    """The `next_cursor` a client would hold after walking `depth` pages of 50 (computed directly)."""
    if depth == 0:
        return ""
    rows = transaction_list(household=user.default_household_id)
    keys = pagination._keys(rows)
    last = rows.order_by(*(f"-{name}" if desc else name for name, desc in keys))[depth * 50 - 1]
    return pagination._encode(last, keys)


def _lines(built: Built, host: str) -> list[tuple[str, str, _Request]]:
    """(name, mode, request) of every line measured on one benchmark account."""
    user = built.user
    client = Client(SERVER_NAME=host, HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    last_page = max(1, -(-built.transactions // 50))
    depth = min(CURSOR_DEPTH, last_page - 1)  # pages walked before the one measured
    month = f"{built.last:%Y-%m}"
    year = built.last.year

    def forget():  # what any write does to the user's cached reports
        ledger_version_change(household_id=user.default_household_id)

    lines = [
        (name, "-", _Request(client, path))
        for name, path in (
            ("transactions, first page", "/api/transactions/"),
            (f"transactions, page {last_page}", f"/api/transactions/?page={last_page}"),
            ("transactions, cursor start", "/api/transactions/?cursor="),
            (f"transactions, cursor {depth} deep", f"/api/transactions/?cursor={_cursor_at(user, depth)}"),
        )
    ]
    for name, path in (
        ("report current", "/api/reports/current/"),
        ("report monthly", f"/api/reports/monthly/?month={month}"),
        ("report yearly", f"/api/reports/yearly/?year={year}"),
        ("report historical", "/api/reports/historical/"),
    ):
        lines.append((name, "uncached", _Request(client, path, before=forget)))
        lines.append((name, "cached", _Request(client, path)))
    return lines


def run(builds: list[Built], *, repeat: int, host: str) -> dict[int, list[Row]]:
    """Every line, each measured at every size in turn (see `measure`); rows by size."""
    per_size = [_lines(built, host) for built in builds]
    runs: dict[int, list[Row]] = {built.transactions: [] for built in builds}
    for same_line in zip(*per_size, strict=True):
        figures = measure([request for _, _, request in same_line], repeat=repeat)
        for built, (name, mode, _), figure in zip(builds, same_line, figures, strict=True):
            runs[built.transactions].append(Row(name, mode, *figure))
    return runs


HEADER = f"{'request':<32} {'cache':<9} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'SQL ms':>8}"


def table(rows: list[Row]) -> str:
    lines = [HEADER, "-" * len(HEADER)]
    for row in rows:
        status = "" if row.status == 200 else f"  HTTP {row.status}!"
        timing = f"{row.p50:>8.1f} {row.p95:>8.1f} {row.queries:>8} {row.floor:>8.1f}"
        lines.append(f"{row.name:<32} {row.mode:<9} {timing}{status}")
    return "\n".join(lines)


def _line(row: Row) -> str:
    """A line's name without the size-dependent page numbers, to compare sizes."""
    name = row.name
    if name.startswith("transactions, page"):
        name = "transactions, last page"
    elif name.startswith("transactions, cursor") and name.endswith("deep"):
        name = "transactions, cursor deep"
    return f"{name} ({row.mode})" if row.mode != "-" else name


def ratios(runs: dict[int, list[Row]]) -> str:
    """p50 at each size ÷ p50 at the smallest, per line; and the deep cursor page ÷ the first page."""
    sizes = sorted(runs)
    base = {_line(row): row for row in runs[sizes[0]]}
    header = f"{'p50 ÷ p50 at ' + format(sizes[0], ','):<44}" + "".join(f"{size:>12,}" for size in sizes[1:])
    lines = [header, "-" * len(header)]
    for row in runs[sizes[0]]:
        name = _line(row)
        cells = []
        for size in sizes[1:]:
            other = {_line(r): r for r in runs[size]}[name]
            cells.append(f"{other.p50 / base[name].p50:>12.2f}")
        lines.append(f"{name:<44}" + "".join(cells))
    for size in sizes:
        named = {_line(r): r for r in runs[size]}
        deep, first = named["transactions, cursor deep"], named["transactions, first page"]
        lines.append(f"{f'cursor deep ÷ first page at {size:,}':<44}{deep.p50 / first.p50:>12.2f}")
    return "\n".join(lines)


def engine() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    return connection.vendor
