"""Plotly figures built from the API's report answers. No Streamlit here."""

import calendar
from decimal import Decimal

import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from budget_ui.money import browser_locale, money, plot_number, to_decimal

GREEN, RED, GREY, BLUE = "#2e9e5b", "#d1495b", "#8d99ae", "#2b6cb0"
SIGN_COLOURS = {"positive": GREEN, "negative": RED, "neutral": GREY, "net": BLUE}
MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]
# A donut shows at most this many slices; the smaller ones (and any under 3 %) become "Other".
DONUT_SLICES = 7
DONUT_MIN_SHARE = Decimal("0.03")
# Each sign on its own colour scale: expenses are seldom as large as income.
HEAT_SCALES = {"positive": "Greens", "negative": "Reds", "neutral": "RdBu"}
HEAT_TITLES = {"positive": "Income", "negative": "Expenses", "neutral": "Neutral"}
# Plotly's mode bar (zoom, download, ...) sits in the top 30 px; on a touch screen it never hides, and
# at a phone's width it covered the titles. Titles start below it; the plot starts below the title.
MODE_BAR_HEIGHT = 30
TOP_MARGIN = MODE_BAR_HEIGHT + 36


def separators(locale: str | None = None) -> str:
    """Plotly's `separators`: the locale's decimal then thousands symbol ('.,' or ',.')."""
    locale = locale or browser_locale()
    return get_decimal_symbol(locale) + get_group_symbol(locale)[0]


def _title(text: str) -> dict:
    return {"text": text, "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": MODE_BAR_HEIGHT}}


def _layout(fig: go.Figure, title: str, currency: str, height: int = 320) -> go.Figure:
    fig.update_layout(
        title=_title(title),
        height=height,
        margin={"l": 10, "r": 10, "t": TOP_MARGIN, "b": 10},
        yaxis_title=currency,
        legend={"orientation": "h", "y": -0.15},
        separators=separators(),
    )
    fig.update_yaxes(tickformat=",~r", automargin=True)
    return fig


def balance_bars(balance: dict, currency: str, title: str = "Balance") -> go.Figure:
    """Income, expenses, neutral and net of a summary block's balance."""
    names = ["positive", "negative", "neutral", "net"]
    labels = ["Income", "Expenses", "Neutral", "Net"]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[plot_number(balance[n]) for n in names],
            marker_color=[SIGN_COLOURS[n] for n in names],
            text=[money(balance[n], currency) for n in names],
            textposition="auto",
            cliponaxis=False,
        )
    )
    return _layout(fig, title, currency)


def named_bars(rows: list[dict], value_key: str, currency: str, title: str) -> go.Figure:
    """One bar a row ({name, <value_key>}), green for money held, red for a negative balance."""
    values = [plot_number(row[value_key]) for row in rows]
    fig = go.Figure(
        go.Bar(
            x=[row["name"] for row in rows],
            y=values,
            marker_color=[GREEN if to_decimal(row[value_key]) >= 0 else RED for row in rows],
            text=[money(row[value_key], currency) for row in rows],
            textposition="auto",
            cliponaxis=False,
        )
    )
    return _layout(fig, title, currency)


def folded(rows: list[dict]) -> list[tuple[str, Decimal]]:
    """(name, amount) of the largest slices; the small ones summed as one "Other" slice."""
    used = sorted(
        ((row["name"], to_decimal(row["amount"])) for row in rows if to_decimal(row["amount"]) > 0),
        key=lambda pair: -pair[1],
    )
    total = sum((amount for _, amount in used), Decimal(0))
    big = [(n, a) for n, a in used[:DONUT_SLICES] if a >= total * DONUT_MIN_SHARE]
    other = total - sum((amount for _, amount in big), Decimal(0))
    if len(big) == len(used) - 1:  # one small slice is its own name, not "Other"
        return used
    return big + ([("Other", other)] if other else [])


def donut(rows: list[dict], currency: str, title: str) -> go.Figure:
    """Share of each category with a non-zero amount, small ones folded into "Other"."""
    slices = folded(rows)
    fig = go.Figure(
        go.Pie(
            labels=[name for name, _ in slices],
            values=[plot_number(amount) for _, amount in slices],
            text=[money(amount, currency) for _, amount in slices],
            hovertemplate="%{label}: %{text} (%{percent})<extra></extra>",
            textinfo="percent",
            hole=0.5,
            sort=False,
        )
    )
    return _layout(fig, title, currency)


def spending_against_last_month(spending: list[dict], currency: str) -> go.Figure:
    """This month's spending per expense category beside last month's."""
    names = [row["name"] for row in spending]
    fig = go.Figure()
    for key, label, colour in (("previous", "Last month", GREY), ("amount", "This month", RED)):
        fig.add_bar(
            x=names,
            y=[plot_number(row[key]) for row in spending],
            name=label,
            marker_color=colour,
            text=[money(row[key], currency) for row in spending],
            textposition="auto",
            cliponaxis=False,
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")
    return _layout(fig, "By category, against last month", currency)


def income_expenses(periods: list[dict], labels: list[str], currency: str, title: str) -> go.Figure:
    """Income and expenses as bars per period (month or year), net as a line across them."""
    fig = go.Figure()
    fig.add_bar(x=labels, y=[plot_number(p["balance"]["positive"]) for p in periods], name="Income")
    fig.add_bar(x=labels, y=[plot_number(p["balance"]["negative"]) for p in periods], name="Expenses")
    fig.add_scatter(
        x=labels, y=[plot_number(p["balance"]["net"]) for p in periods], name="Net", mode="lines+markers"
    )
    fig.data[0].marker.color, fig.data[1].marker.color = GREEN, RED
    fig.data[2].line.color = BLUE
    fig.update_layout(barmode="group")
    # Years and months are names, not numbers: no 2,023.5 between 2023 and 2024.
    fig.update_xaxes(type="category")
    return _layout(fig, title, currency, height=380)


def category_heatmaps(months: list[dict], currency: str) -> list[go.Figure]:
    """One heatmap a sign (income, expenses, neutral) with categories by month, each on its own
    colour scale; a sign without categories used in the year has none."""
    figures = []
    for sign, scale in HEAT_SCALES.items():
        rows: dict[str, list[float]] = {}
        for index, month in enumerate(months):
            for category in month["categories"][sign]:
                rows.setdefault(category["name"], [0.0] * len(months))[index] = plot_number(
                    category["amount"]
                )
        rows = {name: values for name, values in rows.items() if any(values)}
        if not rows:
            continue
        heat = go.Heatmap(
            z=list(rows.values()),
            x=MONTHS[: len(months)],
            y=list(rows),
            colorscale=scale,
            hovertemplate="%{y}<br>%{x}: %{z:,.2f} " + currency + "<extra></extra>",
        )
        if sign == "neutral":
            heat.zmid = 0
        fig = go.Figure(heat)
        fig.update_yaxes(autorange="reversed", type="category")
        fig.update_xaxes(type="category")
        figures.append(
            _layout(
                fig, f"{HEAT_TITLES[sign]} by category and month", "", height=max(220, 28 * len(rows) + 120)
            )
        )
    return figures


def allocation_gauge(total_percentage, title: str = "Allocated to buckets") -> go.Figure:
    """How much of every income the active buckets take, out of 100 %."""
    value = plot_number(total_percentage)
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=value,
            number={"suffix": " %", "valueformat": ",~r"},
            gauge={
                "axis": {"range": [0, 100], "tickvals": [0, 25, 50, 75, 100]},
                "bar": {"color": GREEN if value == 100 else "#e9a23b"},
                "threshold": {"line": {"color": BLUE, "width": 3}, "value": 100},
            },
        )
    )
    # Side margins wide enough for the axis' last label: "100", not "10".
    fig.update_layout(
        title=_title(title),
        height=260,
        margin={"l": 40, "r": 40, "t": TOP_MARGIN, "b": 10},
        separators=separators(),
    )
    return fig
