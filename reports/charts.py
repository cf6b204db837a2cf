"""Charts as server-side SVG drawn by pygal. The SVG is served from its own URL and shown with <img>, so
no script runs (pygal's tooltip script is removed anyway) and the page's strict CSP is untouched."""

import re

import pygal
from pygal.style import Style

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#8b1a1a", "#d4a017", "#1f5f8b", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037"),
    font_family="'Noto Serif', 'DejaVu Sans', sans-serif",
)
_SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)


def render(data: dict, kind: str = "bar") -> bytes:
    """data: {"title", "columns": [x labels or series names], "rows": [(label, [values])]}.

    kind "bar": one series per row over the columns (awards per form across years);
    kind "grouped": one series per column over the rows (units and awards per PAR class)."""
    chart_class = pygal.StackedBar if kind == "stacked" else pygal.Bar
    chart = chart_class(
        style=STYLE, js=[], width=720, height=400, legend_at_bottom=True, legend_at_bottom_columns=2,
        print_values=False, show_y_guides=True, truncate_legend=-1, truncate_label=-1, no_data_text="—",
    )
    chart.title = str(data["title"])
    columns = [str(column) for column in data["columns"]]
    rows = data["rows"]
    if kind == "grouped":
        chart.x_labels = [str(label) for label, _values in rows]
        for index, column in enumerate(columns):
            chart.add(column, [values[index] for _label, values in rows])
    else:
        chart.x_labels = columns
        for label, values in rows:
            chart.add(str(label), list(values))
    return _SCRIPT.sub(b"", chart.render())


KINDS = {"awards-by-form": "stacked", "awards-by-par": "grouped", "units-without": "grouped"}
