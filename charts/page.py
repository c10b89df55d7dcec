"""A self-contained HTML page for a Vega-Lite spec: Vega, Vega-Lite and vega-embed inlined, no network.

Altair's and vl-convert's own HTML writers paste the spec JSON into a <script> element as is, so an article
title containing `</script><script>…` would end the element and run. Here every `<`, `>` and `&` in the JSON
is written as a \\u escape: the same data for JavaScript, inert for the HTML parser.
"""

from __future__ import annotations

import html
import json
from functools import cache
from typing import Any

import vl_convert

EMBED_OPTIONS = {
    "renderer": "svg",
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 16px; color: #222; }}
#chart {{ min-height: 200px; }}
#chart-error {{ color: #b00020; white-space: pre-wrap; }}
</style>
<script>{bundle}</script>
</head>
<body>
<div id="chart"></div>
<div id="chart-error"></div>
<script>
const spec = {spec};
vegaEmbed("#chart", spec, {options}).catch(function (error) {{
  document.getElementById("chart-error").textContent = String(error);
  console.error(error);
}});
</script>
</body>
</html>
"""


@cache
def vega_bundle() -> str:
    """The inlined JavaScript of vega-embed, Vega-Lite and Vega (built once per process)."""
    return vl_convert.javascript_bundle()


def script_safe_json(value: Any) -> str:
    """JSON of `value` that cannot end or confuse an HTML <script> element."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def chart_page(spec: dict[str, Any], *, title: str) -> str:
    """The HTML document that renders the Vega-Lite `spec` offline with the SVG renderer."""
    return PAGE.format(title=html.escape(title), bundle=vega_bundle(), spec=script_safe_json(spec),
                       options=script_safe_json(EMBED_OPTIONS))
