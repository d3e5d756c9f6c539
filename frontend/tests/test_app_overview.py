"""The Overview page, and that cached answers are keyed by the signed-in user and forgotten on writes."""

import pytest
import responses
from responses import matchers

from tests import answers as a
from tests import helpers
from tests.helpers import (
    USER,
    assert_clean,
    button,
    calls,
    charts,
    metric,
    open_page,
    page_calls,
    query,
    texts,
    url,
)

OTHER = {**USER, "id": "22222222-2222-2222-2222-222222222222", "email": "bo@example.com"}


def _answers(api, report=None, allocation=None, match=(), buckets=(), **summary):
    """The Overview's three reads: the summary (around the current report `report`), the allocation
    and the buckets (for their goals)."""
    api.get(url("reports/summary/"), json=a.summary_report(report, **summary), match=list(match))
    api.get(url("buckets/allocation/"), json=allocation or a.allocation(), match=list(match))
    api.get(url("buckets/"), json=a.paginated(list(buckets)), match=list(match))


def _bearer(token):
    return [matchers.header_matcher({"Authorization": f"Bearer {token}"})]


def test_overview_shows_balance_and_this_month(api):
    _answers(
        api,
        a.current(
            "1234.56", locations=[("ING", "1000.00"), ("Cash", "234.56")], buckets=[("Fun", "1234.56")]
        ),
        income="3000.00",
        expenses="1000.50",
    )
    at = open_page("overview")
    assert_clean(at)
    assert texts(at.title) == ["Overview"]
    assert metric(at, "Net balance") == "€1,234.56"
    assert metric(at, "Income this month") == "€3,000.00"
    assert metric(at, "Expenses this month") == "€1,000.50"
    assert metric(at, "Net this month") == "€1,999.50"
    [summary_call] = calls(api, "GET", "reports/summary/")
    assert query(summary_call) == {"month": a.THIS_MONTH}
    # One summary, the allocation and the buckets' goals: nothing else is asked for.
    assert sorted(c.request.url.split("?")[0] for c in page_calls(api)) == [
        url("buckets/"),
        url("buckets/allocation/"),
        url("reports/summary/"),
    ]


def test_overview_negative_balance_formatted(api):
    _answers(
        api, a.current("-1234567.05", locations=[("ING", "-1234567.05")], buckets=[("Fun", "-1234567.05")])
    )
    at = open_page("overview")
    assert_clean(at)
    assert metric(at, "Net balance") == "-€1,234,567.05"


def test_overview_tables_and_charts_by_location_and_bucket(api):
    _answers(
        api,
        a.current(
            "1234.56", locations=[("ING", "1000.00"), ("Cash", "234.56")], buckets=[("Fun", "1234.56")]
        ),
    )
    at = open_page("overview")
    assert texts(at.subheader)[-3:] == ["By location", "By bucket", "Latest transactions"]
    by_location, by_bucket = (frame.value for frame in at.table)
    assert by_location.to_dict("list") == {
        "Name": ["ING", "Cash", "Total"],
        "Amount": ["€1,000.00", "€234.56", "€1,234.56"],
    }
    assert by_bucket.to_dict("list") == {"Name": ["Fun", "Total"], "Amount": ["€1,234.56", "€1,234.56"]}
    locations_chart, buckets_chart = charts(at)
    assert locations_chart["data"][0]["x"] == ["ING", "Cash"]
    assert locations_chart["data"][0]["y"] == [1000.0, 234.56]
    assert buckets_chart["data"][0]["y"] == [1234.56]


def test_overview_uses_profile_currency(api):
    _answers(api, a.current("5.00", locations=[("ING", "5.00")], buckets=[("Fun", "5.00")]))
    at = open_page("overview", user={**USER, "currency": "RON"})
    assert metric(at, "Net balance") == "RON5.00"


def test_overview_incomplete_allocation_warns_and_links_setup(api):
    _answers(
        api,
        a.current("5.00", locations=[("ING", "5.00")], buckets=[("Fun", "5.00")]),
        allocation=a.allocation("80.00"),
    )
    at = open_page("overview")
    assert not at.exception
    assert texts(at.warning) == [
        "Your buckets take 80.00 % of each income; 20.00 % is left to give out before incomes can be split."
    ]
    assert [(link.proto.label, link.proto.page) for link in at.main.page_link] == [
        ("Finish the budget setup", "setup")
    ]


def test_overview_complete_allocation_no_warning(api):
    _answers(api, a.current("5.00", locations=[("ING", "5.00")], buckets=[("Fun", "5.00")]))
    at = open_page("overview")
    assert not at.warning
    assert not at.main.page_link
    assert "Allocation complete: your buckets share out 100 % of each split income." in texts(at.caption)


def test_overview_unallocated_money_shows_info(api):
    _answers(
        api,
        a.current("300.00", locations=[("ING", "300.00")], buckets=[("Fun", "0.00")], unallocated="1300.00"),
    )
    at = open_page("overview")
    assert_clean(at)
    [info] = texts(at.info)
    assert info.startswith("€1,300.00 of split income is waiting to be shared out")


def test_overview_no_unallocated_no_info(api):
    _answers(api, a.current("5.00", locations=[("ING", "5.00")], buckets=[("Fun", "5.00")]))
    assert not open_page("overview").info


def test_overview_empty_ledger_friendly_info(api):
    _answers(api, a.current(), allocation=a.allocation("0.00"))
    at = open_page("overview")
    assert_clean(at)
    assert texts(at.info) == ["Nothing here yet. Add your locations, buckets and categories first."]
    assert metric(at, "Net balance") == "€0.00"
    assert ("Budget setup", "setup") in [(link.proto.label, link.proto.page) for link in at.main.page_link]
    assert not at.subheader
    assert not charts(at)


# ---------------------------------------------------------------------- the cache


def test_cache_is_per_browser_session():
    """Each session has its own answers, so one person's data never reaches another's browser."""
    from budget_ui import data

    fetchers = (data._list, data._report, data._transactions, data._allocation)
    assert {fetcher._info.scope for fetcher in fetchers} == {"session"}


def test_cache_reused_for_same_user(api):
    _answers(api, a.current("111.11", locations=[("ING", "111.11")], buckets=[("Fun", "111.11")]))
    open_page("overview")
    at = open_page("overview")
    assert metric(at, "Net balance") == "€111.11"
    assert len(calls(api, "GET", "reports/summary/")) == 1


def test_cache_forgotten_after_write(api):
    api.get(url("locations/"), json=a.paginated([a.location("ING")]))
    api.get(url("buckets/"), json=a.paginated([a.bucket()]))
    api.get(url("categories/"), json=a.paginated(a.CATEGORIES))
    api.get(url("buckets/allocation/"), json=a.allocation())
    api.post(url("locations/"), status=201, json=a.location("Cash", id_="loc-cash"))
    at = open_page("setup")
    assert len(calls(api, "GET", "locations/")) == 1
    at.text_input(key="setup_location_name").input("Cash")
    api.replace(
        responses.GET,
        url("locations/"),
        json=a.paginated([a.location("ING"), a.location("Cash", id_="loc-cash")]),
    )
    at = button(at, "Add location").click().run()
    assert_clean(at)
    assert len(calls(api, "GET", "locations/")) == 2
    assert at.dataframe[0].value["Name"].tolist() == ["ING", "Cash"]


@pytest.mark.filterwarnings("error::pandas.errors.Pandas4Warning")
def test_overview_locations_without_buckets_future_pandas(api):
    _answers(api, a.current("5.00", locations=[("ING", "5.00")]))
    at = open_page("overview")
    assert_clean(at)
    assert at.table[1].value.to_dict("list") == {"Name": ["Total"], "Amount": ["€0.00"]}


# ---------------------------------------------------------------------- issue 14: worth opening


def test_overview_kpis_savings_and_averages(api):
    _answers(
        api,
        a.current("5.00", locations=[("ING", "5.00")], buckets=[("Fun", "5.00")]),
        income="1000.00",
        expenses="250.00",
        previous=("900.00", "200.00"),
        savings=("75.00", "62.35"),
        averages=("1234.5", "990.00"),
    )
    at = open_page("overview")
    assert_clean(at)
    assert metric(at, "Saved this month") == "75.0 %"
    assert metric(at, "Saved this year") == "62.4 %"
    assert metric(at, "Spent a month (3 months)") == "€1,234.50"
    assert metric(at, "Spent a month (12 months)") == "€990.00"
    [expenses] = [m for m in at.metric if m.label == "Expenses this month"]
    assert expenses.proto.delta == "+€50.00"


def test_overview_without_income_has_no_rate(api):
    _answers(api, a.current("5.00", locations=[("ING", "5.00")], buckets=[("Fun", "5.00")]))
    at = open_page("overview")
    assert metric(at, "Saved this month") == "no income"


def test_overview_spending_against_last_month_and_largest_expenses(api):
    _answers(
        api,
        a.current("5.00", locations=[("ING", "5.00")], buckets=[("Fun", "5.00")]),
        spending=[("Rent", "900.00", "900.00"), ("Food", "123.45", "210.00")],
        largest=[a.row("Rent May", "900.00"), a.row("Market", "1234.50", id="x2")],
        recent=[a.row("Salary", "3000.00", sign="POSITIVE"), a.row("Market", "12.50", id="x3")],
    )
    at = open_page("overview")
    assert_clean(at)
    spending = charts(at)[0]
    assert [bar["name"] for bar in spending["data"]] == ["Last month", "This month"]
    assert spending["data"][1]["x"] == ["Rent", "Food"]
    assert spending["data"][1]["y"] == [900.0, 123.45]
    assert spending["data"][0]["text"] == ["€900.00", "€210.00"]
    largest, *_, recent = at.table
    assert largest.value["Amount"].tolist() == ["-€900.00", "-€1,234.50"]
    assert recent.value.to_dict("list") == {
        "Date": ["2024-05-02", "2024-05-02"],
        "Description": ["Salary", "Market"],
        "Amount": ["€3,000.00", "-€12.50"],
        "Category": ["Salary", "Rent"],
    }


def test_overview_amounts_follow_the_browser_locale(api):
    _answers(api, a.current("1381.37", locations=[("ING", "1381.37")], buckets=[("Fun", "1381.37")]))
    at = helpers.app(USER)
    at.context["locale"] = "de-DE"
    at = at.switch_page("app_pages/overview.py").run()
    assert_clean(at)
    assert metric(at, "Net balance") == "1.381,37\u00a0€"


GOAL = {
    "amount": "1500.00",
    "date": "2030-12-31",
    "balance": "600.00",
    "progress": "0.40",
    "monthly_needed": "25.00",
    "projected_date": "2029-06-30",
    "status": "ON_TRACK",
}


def test_overview_shows_goals_with_progress_projection_and_monthly_need(api):
    saving = {**a.bucket("Travel", balance_="600.00"), "goal_amount": "1500.00", "goal": GOAL}
    _answers(
        api,
        a.current("600.00", locations=[("ING", "600.00")], buckets=[("Travel", "600.00")]),
        buckets=[saving],
    )

    at = open_page("overview")

    assert_clean(at)
    assert "Goals" in texts(at.subheader)
    [bar] = at.get("progress")
    assert bar.proto.value == 40
    assert bar.proto.text == "**Travel**: €600.00 · 40 % of €1,500.00 · On track"
    assert (
        "Target date 2030-12-31; €25.00 a month needed from now; at the pace of the last 3 months, "
        "reached by 2029-06-30."
    ) in texts(at.caption)


def test_overview_without_goals_has_no_goals_section(api):
    _answers(
        api, a.current("5.00", locations=[("ING", "5.00")], buckets=[("Fun", "5.00")]), buckets=[a.bucket()]
    )

    at = open_page("overview")

    assert_clean(at)
    assert "Goals" not in texts(at.subheader)
