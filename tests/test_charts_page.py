"""The self-contained chart page: inline Vega, no network, article text kept inert."""

from __future__ import annotations

import json
import re

from charts.page import chart_page, script_safe_json

HOSTILE = "</script><script>alert('x')</script><!-- & \u2028"


def test_script_safe_json_is_the_same_data_without_markup():
    text = script_safe_json({"title": HOSTILE})
    assert json.loads(text) == {"title": HOSTILE}
    assert "<" not in text and ">" not in text and "&" not in text


def test_the_page_loads_nothing_from_the_network():
    page = chart_page({"mark": "point", "data": {"values": [{"title": HOSTILE}]}}, title=HOSTILE)
    assert not re.search(r"<script[^>]+src=", page)
    assert "cdn.jsdelivr" not in page
    assert page.count("</script>") == 2
    assert "<title>&lt;/script&gt;" in page
