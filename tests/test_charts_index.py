"""The index page: links, counts and escaped user input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from charts.index import IndexEntry, IndexSummary, write_index


def test_the_index_links_every_file_and_escapes_filters(tmp_path):
    entries = [IndexEntry("Timeline", [Path("timeline.html"), Path("timeline.png"), Path("timeline.svg")])]
    summary = IndexSummary(as_of=date(2025, 3, 12), date_from=date(2025, 3, 1), date_to=date(2025, 3, 31),
                           counts={"events": 1234}, entries=entries, filters={"search": "<script>x</script>"})
    text = write_index(tmp_path, summary).read_text()
    for name in ("timeline.html", "timeline.png", "timeline.svg"):
        assert f'href="{name}"' in text
    assert '<img src="timeline.png"' in text
    assert "1,234" in text
    assert "<script>" not in text and "&lt;script&gt;x&lt;/script&gt;" in text
