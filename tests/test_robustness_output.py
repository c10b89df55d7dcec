"""Output safety: article strings reach the charts and the index page as data, never as markup or script,
and no SQL is built from strings at run time.

The first tests run a real `dateline run` on made-up articles whose titles, URLs and sentences carry script
injections, then open the chart pages and the index in headless Chromium (network off) and hover every
mark so its tooltip opens: no dialog may appear, no script may run, the hostile text must show literally.
The last test reads the code of `warehouse/`, `flows/` and `charts/` and checks that every query given to
DuckDB is a constant, a named query or a migration file, never text formatted with values.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, ChromiumPage
from tests.conftest import REPO
from tests.test_robustness_crash import dateline_env, prefect_api_url, run_dateline  # noqa: F401

browser = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian chromium")
ATTACKS = [
    "<script>alert('title')</script>",
    "</script><script>alert('end')</script>",
    '"><img src=x onerror=alert(\'img\')>',
    "<svg onload=alert('svg')>",
    "{{constructor.constructor('alert(1)')()}}",
]
MARKERS = "window.__pwned = true"
ARTICLES = [
    {"url": "javascript:alert('url')//news.example.org/story/1", "title": ATTACKS[0],
     "published": "2025-03-12",
     "text": f"Ministers of {ATTACKS[2]} will meet in Oslo on March 20, 2025. Rebels signed a ceasefire in "
             f"Lisbon on Monday, {ATTACKS[1]} said. Protesters rallied in <b>Quito</b> on March 3, 2025."},
    {"url": "https://news.example.org/story/2?q=<script>alert(2)</script>", "title": ATTACKS[3],
     "published": "2025-03-12",
     "text": f"The {ATTACKS[4]} council will hold talks in Vienna next week. Envoys from "
             f"\"><script>{MARKERS}</script> visited Lima on March 10, 2025. A vote is planned for April 2."},
    {"url": "data:text/html,<script>alert(3)</script>", "title": "</title><script>alert('t')</script>",
     "published": "2025-03-12",
     "text": "Union leaders of <iframe src=javascript:alert(4)> will meet in Hanoi on March 25, 2025. "
             "Talks on a 30-day truce continue."},
]
HOVER_TARGETS = """(() => [...document.querySelectorAll('g.role-mark path, g.role-mark rect')]
  .map((node) => node.getBoundingClientRect())
  .filter((box) => box.width > 0 && box.height > 0 && box.width < 600)
  .slice(0, 60).map((box) => [box.x + box.width / 2, box.y + box.height / 2]))()"""
PAGE_FACTS = """(() => JSON.stringify({
  pwned: window.__pwned === true,
  links: [...document.querySelectorAll('a')]
    .map((a) => a.getAttribute('href') || a.getAttribute('xlink:href')),
  scripts: document.querySelectorAll('script').length,
  injected: document.querySelectorAll('img[src=x], iframe, svg[onload], b').length,
  tooltip: (document.getElementById('vg-tooltip-element') || {}).innerText || '',
}))()"""


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, prefect_api_url: str) -> Path:  # noqa: F811
    """The chart folder of a real `dateline run` on the hostile articles."""
    workdir = tmp_path_factory.mktemp("hostile")
    lines = "\n".join(json.dumps(article) for article in ARTICLES)
    (workdir / "hostile.jsonl").write_text(lines + "\n", encoding="utf-8")
    result = run_dateline(["run", "hostile.jsonl", "--db", "hostile.duckdb", "--charts-dir", "charts"],
                          workdir, dateline_env(prefect_api_url))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    return workdir / "charts"


def _hover_everything(page: ChromiumPage) -> list[str]:
    """Move the mouse over each mark (opening its tooltip); return the tooltip texts seen."""
    tooltips = []
    for x, y in page.evaluate(HOVER_TARGETS) or []:
        page.tools.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        page.tools.pump(0.05)
        tooltips.append(json.loads(page.evaluate(PAGE_FACTS))["tooltip"])
    return tooltips


@pytest.mark.slow
@browser
@pytest.mark.parametrize("name", ["timeline.html", "agenda.html"])
def test_hostile_article_strings_are_drawn_as_text_in_the_charts(hostile_run: Path, name: str) -> None:
    page_file = hostile_run / name
    assert "<script>alert" not in page_file.read_text(encoding="utf-8").split("<script>", 2)[-1].split(
        "const spec", 1)[-1], "raw markup from an article inside the page"
    with ChromiumPage(page_file) as page:
        tooltips = _hover_everything(page)
        state = page.state(settle_seconds=0.5)
        facts = json.loads(page.evaluate(PAGE_FACTS))
    assert state.dialogs == [] and state.console_errors == [] and state.network_requests == []
    assert state.mark_count > 0
    assert not facts["pwned"] and facts["injected"] == 0
    assert not [link for link in facts["links"] if link and not link.startswith(("http:", "https:", "#"))]
    shown = state.svg_text + " ".join(tooltips)
    assert any(attack in shown for attack in [*ATTACKS, "<b>Quito</b>", "<iframe src=javascript:alert(4)>"])
    assert any(tooltips), "no tooltip opened: the hover test proved nothing"


@pytest.mark.slow
@browser
def test_the_index_page_shows_no_article_markup(hostile_run: Path) -> None:
    with ChromiumPage(hostile_run / "index.html") as page:
        state = page.state(settle_seconds=0.5)
        facts = json.loads(page.evaluate(PAGE_FACTS))
    assert state.dialogs == [] and state.console_errors == [] and state.network_requests == []
    assert not facts["pwned"] and facts["injected"] == 0 and facts["scripts"] == 0
    assert all(link and "/" not in link and ":" not in link for link in facts["links"])


# --- SQL built from strings --------------------------------------------------------------------------------

QUERY_METHODS = {"execute", "executemany", "sql", "query"}
SCANNED = ("warehouse", "flows", "charts")
# (file, function, name): a query that is not a constant on purpose, and why that is safe.
ALLOWED = {
    ("warehouse/migrate.py", "_apply", "sql"): "the text of a migration file shipped in the package",
}


def _constant_names(tree: ast.Module) -> set[str]:
    """Module-level names bound once to strings built only from literals and other such names."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            target, value = node.target.id, node.value
        else:
            continue
        if _is_constant_text(value, names) or (isinstance(value, ast.Dict) and all(
                _is_constant_text(item, names) for item in value.values)):
            names.add(target)
    return names


def _is_constant_text(node: ast.AST, constants: set[str]) -> bool:
    """A literal, an f-string or concatenation of literals and constants, or a lookup in a constant table."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | int | float)
    if isinstance(node, ast.Name):
        return node.id in constants
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(part, ast.Constant) or _is_constant_text(part.value, constants)
                   for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_constant_text(node.left, constants) and _is_constant_text(node.right, constants)
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Name) and node.value.id in constants
    if isinstance(node, ast.Call):  # a helper called with literals only, e.g. a filter for a table alias
        return isinstance(node.func, ast.Name) and not node.keywords and all(
            isinstance(arg, ast.Constant) for arg in node.args)
    return False


def _query_calls(tree: ast.Module) -> list[tuple[str, ast.Call]]:
    """(innermost enclosing function name, call) for every call of a DuckDB query method."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if (isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
                    and child.func.attr in QUERY_METHODS and child.args):
                found.append((function, child))
            visit(child, inner)

    visit(tree, "<module>")
    return found


def _unsafe_queries(source: str) -> list[str]:
    """The query calls of `source` whose query is neither constant nor named."""
    tree = ast.parse(source)
    constants = _constant_names(tree)
    return [ast.unparse(call.args[0]) for _, call in _query_calls(tree)
            if not _is_constant_text(call.args[0], constants)]


def test_the_scan_tells_formatted_queries_from_constant_ones() -> None:
    source = """
TABLE = "events"
QUERIES = {"all": f"SELECT * FROM {TABLE}"}
def good(con, name, value):
    con.execute(QUERIES[name], {"value": value})
    con.execute("SELECT 1 WHERE $value", {"value": value})
def bad(con, value, column):
    con.execute(f"SELECT * FROM events WHERE id = '{value}'")
    con.sql("SELECT %s FROM events" % column)
    con.execute("SELECT {} FROM events".format(column))
    con.execute("SELECT * FROM " + value)
    query = f"SELECT {column}"
    con.execute(query)
"""
    assert _unsafe_queries(source) == [
        "f\"SELECT * FROM events WHERE id = '{value}'\"", "'SELECT %s FROM events' % column",
        "'SELECT {} FROM events'.format(column)", "'SELECT * FROM ' + value", "query",
    ]


def test_every_query_is_a_constant_or_a_named_query() -> None:
    offenders = []
    checked = 0
    for package in SCANNED:
        for path in sorted((REPO / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = _constant_names(tree)
            relative = path.relative_to(REPO).as_posix()
            for function, call in _query_calls(tree):
                query = call.args[0]
                if isinstance(call.func.value, ast.Name) and call.func.value.id in {"re", "pattern"}:
                    continue
                checked += 1
                allowed = isinstance(query, ast.Name) and (relative, function, query.id) in ALLOWED
                if not (allowed or _is_constant_text(query, constants)):
                    offenders.append(f"{relative}:{call.lineno} in {function}: {ast.unparse(query)[:80]}")
    assert checked >= 20, "the scan found too few queries to be looking at the right code"
    assert offenders == []
