"""Plotly figures built from the API's report answers. No Streamlit here."""

import calendar

import plotly.graph_objects as go

from budget_ui.money import plot_number

GREEN, RED, GREY, BLUE = "#2e9e5b", "#d1495b", "#8d99ae", "#2b6cb0"
SIGN_COLOURS = {"positive": GREEN, "negative": RED, "neutral": GREY, "net": BLUE}
MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]


def _layout(fig: go.Figure, title: str, currency: str, height: int = 320) -> go.Figure:
    fig.update_layout(
        title=title,
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        yaxis_title=currency,
        legend={"orientation": "h", "y": -0.15},
    )
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
            text=[balance[n] for n in names],
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
            marker_color=[GREEN if v >= 0 else RED for v in values],
            text=[row[value_key] for row in rows],
            textposition="auto",
            cliponaxis=False,
        )
    )
    return _layout(fig, title, currency)


def donut(rows: list[dict], currency: str, title: str) -> go.Figure:
    """Share of each category with a non-zero amount."""
    used = [row for row in rows if plot_number(row["amount"]) > 0]
    fig = go.Figure(
        go.Pie(
            labels=[row["name"] for row in used],
            values=[plot_number(row["amount"]) for row in used],
            hole=0.5,
            sort=False,
        )
    )
    return _layout(fig, title, currency)


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
    return _layout(fig, title, currency, height=380)


def category_heatmap(months: list[dict], currency: str, title: str) -> go.Figure:
    """Categories (income then expenses) by month; a cell is that month's amount."""
    rows: dict[str, list[float]] = {}
    for sign, prefix in (("positive", "+"), ("negative", "-"), ("neutral", "~")):
        for index, month in enumerate(months):
            for category in month["categories"][sign]:
                label = f"{prefix} {category['name']}"
                rows.setdefault(label, [0.0] * len(months))[index] = plot_number(category["amount"])
    fig = go.Figure(
        go.Heatmap(
            z=list(rows.values()),
            x=MONTHS[: len(months)],
            y=list(rows),
            colorscale="Blues",
            hovertemplate="%{y}<br>%{x}: %{z:,.2f} " + currency + "<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, "", height=max(320, 28 * len(rows) + 120))


def allocation_gauge(total_percentage, title: str = "Allocated to buckets") -> go.Figure:
    """How much of every income the active buckets take, out of 100 %."""
    value = plot_number(total_percentage)
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=value,
            number={"suffix": " %"},
            gauge={
                "axis": {"range": [0, 100]},
                "bar": {"color": GREEN if value == 100 else "#e9a23b"},
                "threshold": {"line": {"color": BLUE, "width": 3}, "value": 100},
            },
        )
    )
    fig.update_layout(title=title, height=260, margin={"l": 20, "r": 20, "t": 50, "b": 10})
    return fig
