"""Configured sources to articles: a Prefect task per source, with retries, inside `dateline-pipeline`.

- rss / atom: the feed is fetched with a conditional GET (an unchanged feed costs one `304`), then each item's
  page; the item's date is the publication date (DCT) when the page gives none.
- url: each listed page.
- folder / jsonl: read from disk like `dateline run` inputs.
A page already stored is fetched with its validators, so an unchanged page costs a `304` too; the validators
are only written after the articles are loaded (`save_fetch_state`), so a run that dies in between fetches
them again. An article whose URL and content hash are stored already is dropped before extraction.
A source that cannot be read at all (DNS error, 404, timeout, malformed feed) fails its own task after its
retries (transient errors only) and becomes one failure; a bad page is a failure of its own and the other
pages load. Articles take the source's name as their `source`.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import duckdb
import httpx
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import State
from prefect.tasks import exponential_backoff

from extractors.feeds import parse_feed
from extractors.fetch import FetchError, FetchResult, FetchSettings, fetch, open_client
from extractors.html_reader import article_from_html
from extractors.readers_decoding import UnreadableInput
from extractors.records import Article, ReadFailure
from extractors.sources import read_inputs
from flows.config import Config, ConfigError, SourceConfig, load_config
from warehouse.load import article_is_stored

FETCH_STATE_FILE = "fetch-state.json"
Known = dict[str, dict[str, str]]  # URL → the validators (ETag, Last-Modified) to send with its next fetch
STATE_RETENTION_DAYS = 90
RECENT_URLS = 2000
# The URLs of the articles last loaded from one source (proposed for warehouse/queries.py as `source_urls`):
# a feed lists recent items, so older URLs need no validators.
SOURCE_URLS_QUERY = """
SELECT url FROM articles WHERE source = $source AND url IS NOT NULL
ORDER BY loaded_at DESC LIMIT $limit
"""


class JsonFetchState:
    """A `FetchStateStore` in a JSON file (URL → validators and the day they were saved), written atomically;
    entries older than `STATE_RETENTION_DAYS` are dropped. It stands in until the warehouse has a
    `fetch_state` table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._saved: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self._saved = {}
        except (OSError, ValueError):  # a damaged state file only costs full fetches
            self._saved = {}

    def get(self, url: str) -> dict[str, str] | None:
        """The validators stored for `url`, or None."""
        entry = self._saved.get(url)
        return {key: value for key, value in entry.items() if key != "saved"} if entry else None

    def put(self, url: str, validators: dict[str, str]) -> None:
        """Remember the validators of `url` (written by `save`)."""
        self._saved[url] = {**validators, "saved": date.today().isoformat()}

    def save(self) -> None:
        """Write the file atomically (a temporary file renamed over it), without entries past retention."""
        oldest = (date.today() - timedelta(days=STATE_RETENTION_DAYS)).isoformat()
        self._saved = {url: entry for url, entry in self._saved.items() if entry.get("saved", "") >= oldest}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".fetch-state-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self._saved, out, sort_keys=True, indent=0)
        os.replace(temporary, self.path)


@dataclass
class SourceHarvest:
    """What reading one source gave: new or changed articles, failures, validators to save, counts."""

    source: str
    articles: list[Article] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    fetched: int = 0
    not_modified: int = 0


@dataclass
class SourcesOutcome:
    """All configured sources of one run: the articles to extract, failures, state to save, counts."""

    articles: list[Article] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    sources_read: int = 0
    fetched: int = 0
    not_modified: int = 0
    already_stored: int = 0

    def counts(self) -> dict[str, int]:
        """The counts for the `runs` row and the run summary."""
        return {
            "sources_read": self.sources_read,
            "pages_fetched": self.fetched,
            "not_modified": self.not_modified,
            "already_stored": self.already_stored,
        }


def _failure(source: str, url: str, error: Exception) -> ReadFailure:
    """A failure of one URL of a source; the message already names the URL."""
    message = str(error) if str(error).startswith(url) else f"{url}: {error}"
    return ReadFailure(url, "fetch", message.splitlines()[0], {"source": source})


def _page_article(source: str, result: FetchResult, published: date | None) -> Article:
    """The article of a fetched page (decoded with the HTTP charset when the server declares one)."""
    body: str | bytes = result.content
    if result.charset:
        try:
            body = result.content.decode(result.charset)
        except (LookupError, UnicodeDecodeError):
            body = result.content
    return article_from_html(body, url=result.final_url, source=source, fallback_published=published)


def _read_page(
    harvest: SourceHarvest, url: str, published: date | None, settings: FetchSettings, known: Known,
    client: httpx.Client,
) -> None:
    """Fetch one page into `harvest`: an article, a `304`, or a failure (the other pages go on)."""
    try:
        result = fetch(url, settings=settings, validators=known.get(url), kind="page", client=client)
    except FetchError as error:
        harvest.failures.append(_failure(harvest.source, url, error))
        return
    if result.not_modified:
        harvest.not_modified += 1
        return
    harvest.fetched += 1
    try:
        harvest.articles.append(_page_article(harvest.source, result, published))
    except UnreadableInput as error:
        harvest.failures.append(_failure(harvest.source, url, error))
        return
    if result.validators():
        harvest.validators[url] = result.validators()


def harvest_feed(source: SourceConfig, settings: FetchSettings, known: Known) -> SourceHarvest:
    """Read a feed and its items' pages; FetchError or FeedError when the feed itself cannot be read.

    `known` holds the validators to send, per URL (only for URLs whose articles are stored).
    """
    harvest = SourceHarvest(source.name)
    feed_url = source.locations[0]
    with open_client(settings) as client:
        validators = known.get(feed_url)
        result = fetch(feed_url, settings=settings, validators=validators, kind="feed", client=client)
        if result.not_modified:
            harvest.not_modified += 1
            return harvest
        feed = parse_feed(result.content, url=result.final_url)
        harvest.fetched += 1
        for item in feed.items:
            _read_page(harvest, item.link, item.published, settings, known, client)
    if result.validators():
        harvest.validators[feed_url] = result.validators()
    return harvest


def harvest_pages(source: SourceConfig, settings: FetchSettings, known: Known) -> SourceHarvest:
    """Read a list of pages; FetchError when none of them could be fetched."""
    harvest = SourceHarvest(source.name)
    with open_client(settings) as client:
        for url in source.locations:
            _read_page(harvest, url, None, settings, known, client)
    if harvest.failures and len(harvest.failures) == len(source.locations):
        first = harvest.failures[0].error
        raise FetchError(source.locations[0], f"none of the {len(source.locations)} pages could be fetched "
                                              f"(first: {first})")
    return harvest


def harvest_files(source: SourceConfig) -> SourceHarvest:
    """Read a folder or a JSONL file; articles take the source's name."""
    harvest = SourceHarvest(source.name)
    for item in read_inputs([Path(location) for location in source.locations]):
        if isinstance(item, Article):
            harvest.articles.append(replace(item, source=source.name))
        else:
            item.details = {**item.details, "source": source.name}
            harvest.failures.append(item)
    return harvest


def _retry_transient(_task: object, _task_run: object, state: State) -> bool:
    """Prefect retry condition: retry fetch errors that may go away (timeouts, DNS, 5xx, 429), no others."""
    error = state.data
    return isinstance(error, FetchError) and error.retryable


@task(name="read-source", task_run_name="read-source-{name}", cache_policy=NO_CACHE,
      retry_condition_fn=_retry_transient)
def read_source(name: str, config_path: str | None, known: Known) -> SourceHarvest:
    """Read one configured source into articles (see `harvest_feed`, `harvest_pages`, `harvest_files`)."""
    config = load_config(Path(config_path) if config_path else None)
    source = config.source(name)
    if source.kind in ("rss", "atom"):
        return harvest_feed(source, config.fetch, known)
    if source.kind == "url":
        return harvest_pages(source, config.fetch, known)
    return harvest_files(source)


def _known_validators(con: duckdb.DuckDBPyConnection, source: SourceConfig, state: JsonFetchState) -> dict:
    """The validators worth sending for a source: those of URLs whose articles are stored, and the feed's
    while anything from it is stored (so an emptied warehouse refetches everything)."""
    params = {"source": source.name, "limit": RECENT_URLS}
    stored = [row[0] for row in con.execute(SOURCE_URLS_QUERY, params).fetchall()]
    urls = stored + (list(source.locations) if stored and source.kind in ("rss", "atom") else [])
    return {url: state.get(url) for url in urls if state.get(url)}


def fetch_state(config: Config) -> JsonFetchState:
    """The conditional-GET state of this configuration (a file in its data folder)."""
    return JsonFetchState(config.paths.data / FETCH_STATE_FILE)


def read_configured_sources(
    con: duckdb.DuckDBPyConnection, names: list[str], config: Config
) -> SourcesOutcome:
    """Run `read-source` for each named source (in the running flow), and drop already stored articles."""
    logger = get_run_logger()
    state = fetch_state(config)
    outcome = SourcesOutcome()
    read = read_source.with_options(
        retries=config.retries, retry_delay_seconds=exponential_backoff(config.retry_delay)
    )
    config_path = str(config.path.resolve()) if config.path else None
    for name in names:
        try:
            source = config.source(name)
        except ConfigError as error:  # a deployment older than the config: the other sources still run
            logger.error("%s", error)
            outcome.failures.append(ReadFailure(name, "config", str(error), {"source": name}))
            continue
        run = read(name, config_path, _known_validators(con, source, state), return_state=True)
        if run.is_failed():
            error = run.result(raise_on_failure=False)
            failure = _failure(name, source.locations[0], error)
            logger.error("%s", failure.error)
            outcome.failures.append(failure)
            continue
        harvest: SourceHarvest = run.result()
        outcome.sources_read += 1
        outcome.fetched += harvest.fetched
        outcome.not_modified += harvest.not_modified
        outcome.failures.extend(harvest.failures)
        outcome.validators.update(harvest.validators)
        for article in harvest.articles:
            if article_is_stored(con, article.id, article.content_hash):
                outcome.already_stored += 1
            else:
                outcome.articles.append(article)
    return outcome


def save_fetch_state(config: Config, outcome: SourcesOutcome) -> None:
    """Store the validators of this run's full responses, once their articles are loaded."""
    if not outcome.validators:
        return
    state = fetch_state(config)
    for url, validators in outcome.validators.items():
        state.put(url, validators)
    state.save()
