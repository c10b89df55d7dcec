"""Reading inputs: text with headers, HTML, JSONL, folders, and every kind of bad input."""

from __future__ import annotations

import codecs
import json
import logging
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.html_reader import article_from_html
from extractors.readers_article import article_id, canonical_url
from extractors.readers_decoding import MAX_DOCUMENT_BYTES, UnreadableInput, clean_text, decode_bytes
from extractors.readers_jsonl import article_from_record, read_jsonl
from extractors.readers_text import article_from_text, split_header
from extractors.records import Article, ReadFailure
from extractors.sources import read_inputs

INPUTS = Path(__file__).parent / "data" / "inputs"
SAMPLE = Path(__file__).parent / "data" / "paris-defense-talks-2025-03-12.txt"


def _read(*paths: Path | str) -> tuple[list[Article], list[ReadFailure]]:
    items = list(read_inputs(list(paths)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadFailure)]


def test_folder_is_read_recursively_in_order_skipping_hidden_and_other_types():
    articles, failures = _read(INPUTS)
    assert [Path(a.source).relative_to(INPUTS).as_posix() for a in articles] == [
        "batch.jsonl:1", "batch.jsonl:5", "batch.jsonl:7",
        "page-with-metadata.html",
        "with-header.txt",
        "nested/latin1.txt",
        "nested/utf16-with-bom.txt",
        "nested/deeper/follow-up.text",
    ]
    assert not any("hidden" in a.source or a.source.endswith(".csv") for a in articles)
    assert {f.input: f.error.split(":")[0] for f in failures} == {
        f"{INPUTS / 'batch.jsonl'}:3": "invalid JSON",
        f"{INPUTS / 'batch.jsonl'}:4": 'no "text" string',
        f"{INPUTS / 'batch.jsonl'}:6": "expected a JSON object, got list",
        str(INPUTS / "binary.txt"): "binary",
        str(INPUTS / "empty.txt"): "empty file",
        str(INPUTS / "undecodable.txt"): "undecodable",
    }


def test_every_failure_is_one_line_at_the_read_stage():
    _, failures = _read(INPUTS, INPUTS / "missing.txt", Path("pyproject.toml"))
    assert len(failures) == 8
    for failure in failures:
        assert failure.stage == "read"
        assert failure.error and "\n" not in failure.error


def test_missing_path_and_unsupported_file_named_explicitly_are_failures():
    articles, failures = _read(INPUTS / "nope", INPUTS / "nested" / "notes.csv", SAMPLE)
    assert [a.source for a in articles] == [str(SAMPLE)]
    assert failures[0] == ReadFailure(str(INPUTS / "nope"), "read", "no such file or directory")
    assert failures[1].input == str(INPUTS / "nested" / "notes.csv")
    assert failures[1].error.startswith("unsupported file type '.csv'")


def test_hidden_file_named_explicitly_is_read():
    articles, failures = _read(INPUTS / "nested" / ".hidden-draft.txt")
    assert not failures and articles[0].text == "A draft that must not be read."


def test_reference_article_text_is_kept_exactly():
    articles, _ = _read(SAMPLE)
    assert articles[0].text == SAMPLE.read_text(encoding="utf-8")
    assert articles[0].published is None and articles[0].dct_origin == "none"
    assert articles[0].url is None and articles[0].title is None


def test_text_headers_give_title_date_and_url():
    (article,) = _read(INPUTS / "with-header.txt")[0]
    assert article.title == "Port workers end strike after pay deal"
    assert article.published == date(2024, 6, 4) and article.dct_origin == "metadata"
    assert article.url.startswith("https://News.Example.org/business/port-strike/")
    assert article.id == article_id("https://news.example.org/business/port-strike", "")
    assert article.text.startswith("Port workers in Rotterdam ended")
    assert "Title:" not in article.text


@pytest.mark.parametrize(
    ("text", "fields", "body"),
    [
        ("Title: A\nDate: 2024-01-02\n\nBody.", {"title": "A", "published": "2024-01-02"}, "\nBody."),
        ("url: https://x.org/a\ntitle:  B \nBody.", {"url": "https://x.org/a", "title": "B"}, "Body."),
        ("Published: March 3, 2024\nBody.", {"published": "March 3, 2024"}, "Body."),
        ("Body first.\nTitle: not a header", {}, "Body first.\nTitle: not a header"),
        ("Title: A\nTitle: B\nBody.", {"title": "A"}, "Title: B\nBody."),
        ("Dateline: Paris\nBody.", {}, "Dateline: Paris\nBody."),
    ],
)
def test_split_header(text, fields, body):
    assert split_header(text) == (fields, body)


def test_bad_date_header_is_ignored_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        article = article_from_text(b"Date: sometime soon\n\nTalks were held.", source="memo.txt")
    assert article.published is None and article.dct_origin == "none"
    assert "memo.txt" in caplog.text and "sometime soon" in caplog.text


def test_header_without_body_is_a_failure():
    with pytest.raises(UnreadableInput, match="header lines but no text"):
        article_from_text(b"Title: Only a title\n\n", source="t.txt")


def test_html_page_gives_text_and_metadata():
    (article,) = _read(INPUTS / "page-with-metadata.html")[0]
    assert article.title == "Ministers agree on grain corridor"
    assert article.published == date(2024, 6, 4) and article.dct_origin == "metadata"
    assert article.url == "https://news.example.org/world/2024/grain-corridor/"
    assert "agreed on Tuesday to open a grain corridor" in article.text
    assert "All rights reserved" not in article.text and "Home" not in article.text


def test_html_bytes_fetched_over_http_use_the_given_url_and_fallback_date():
    page = (
        "<html><head><meta charset='iso-8859-1'><title>Caf\xe9 talks</title></head><body><article>"
        "<p>Union leaders met caf\xe9 owners in Lyon on Monday and agreed to keep terraces open until "
        "midnight during the summer, the city council said after the meeting.</p></article></body></html>"
    ).encode("latin-1")
    article = article_from_html(
        page, url="https://example.org/lyon?utm_source=x", source="https://example.org/lyon",
        fallback_published=date(2024, 5, 6),
    )
    assert "met café owners in Lyon" in article.text
    assert article.published == date(2024, 5, 6) and article.dct_origin == "metadata"
    assert article.id == article_id("https://example.org/lyon", "")


def test_html_without_article_text_is_a_failure():
    with pytest.raises(UnreadableInput, match="no article text"):
        article_from_html("<html><body><nav></nav></body></html>", source="x.html")


def test_jsonl_lines_become_articles_and_bad_lines_failures(caplog):
    with caplog.at_level(logging.WARNING):
        items = list(read_jsonl(INPUTS / "batch.jsonl"))
    first, *_ = items
    assert isinstance(first, Article)
    assert (first.title, first.url, first.published) == ("Farmers block roads", "https://example.org/farmers",
                                                         date(2024, 2, 26))
    assert first.source == f"{INPUTS / 'batch.jsonl'}:1"
    dct_alias = items[-1]
    assert dct_alias.published == date(2024, 3, 1) and dct_alias.dct_origin == "metadata"
    assert "the day after tomorrow" in caplog.text
    assert [type(i).__name__ for i in items] == [
        "Article", "ReadFailure", "ReadFailure", "Article", "ReadFailure", "Article",
    ]


def test_jsonl_in_utf16_is_one_failure(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(json.dumps({"text": "Talks."}).encode("utf-16"))
    (failure,) = read_jsonl(path)
    assert failure.input == str(path) and "UTF-8" in failure.error


def test_jsonl_with_utf8_bom_and_overlong_line(tmp_path, monkeypatch):
    monkeypatch.setattr("extractors.readers_jsonl.MAX_DOCUMENT_BYTES", 64)
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": text}) for text in ("Short one.", "x" * 200, "Last.")]
    path.write_bytes(codecs.BOM_UTF8 + "\n".join(lines).encode())
    items = list(read_jsonl(path))
    assert [getattr(i, "text", None) for i in items] == ["Short one.", None, "Last."]
    assert items[1].input == f"{path}:2" and items[1].error.startswith("line too long")


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ({"text": "  "}, 'no "text" string'),
        ({"text": 5}, 'no "text" string'),
        ({"text": "A.", "title": 3}, '"title" must be a string, got int'),
        ("text", "expected a JSON object, got str"),
    ],
)
def test_bad_jsonl_records(record, error):
    with pytest.raises(UnreadableInput, match=error):
        article_from_record(record, source="b.jsonl:1")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "Ré".encode(), "Ré"),
        ("Réunion à Genève".encode("utf-16"), "Réunion à Genève"),
        ("Réunion à Genève".encode("utf-16-be"), None),
        ("Réunion".encode("latin-1"), "Réunion"),
        ("Réunion “à” ".encode() + "Genève".encode("cp1252"), "Réunion “à” Genève"),
        ("مرحبا بالعالم".encode(), "مرحبا بالعالم"),
        (b"tab\tand\x0cform feed", "tab\tand\x0cform feed"),
    ],
)
def test_decode_bytes_accepts(data, expected):
    if expected is None:
        with pytest.raises(UnreadableInput, match="binary: NUL"):
            decode_bytes(data)
    else:
        assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "empty file"),
        (b" \n\t \n", "empty file"),
        (codecs.BOM_UTF8, "empty file"),
        (b"text\x00more", "binary: NUL byte at offset 4"),
        (b"\x01\x02\x03 some words here \x04\x05", "binary: 5 control characters"),
        (codecs.BOM_UTF16_LE + b"A\x00B", "undecodable: invalid UTF-16-LE"),
        (b"abc \x81 def", "undecodable: byte 0x81 at offset 4"),
        (b"x" * (MAX_DOCUMENT_BYTES + 1), "too large"),
    ],
)
def test_decode_bytes_refuses(data, error):
    with pytest.raises(UnreadableInput, match=error.replace("(", r"\(")):
        decode_bytes(data)


def test_clean_text_normalizes_newlines_and_drops_stray_controls():
    assert clean_text("  a\r\nb\rc\x0bd\u2028e\x07f\x00 ") == "a\nb\nc\nd\nef"


def test_ten_megabyte_single_line_reads(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(b"word " * 2_000_000)
    (article,) = _read(path)[0]
    assert len(article.text) == 10_000_000 - 1


def test_deeply_nested_html_ends_as_data_or_failure():
    page = "<html><body>" + "<div>" * 5000 + "<p>Deep text about talks held in Oslo.</p>" + "</div>" * 5000
    try:
        article = article_from_html(page + "</body></html>", source="deep.html")
    except UnreadableInput as error:
        assert "\n" not in str(error)
    else:
        assert "Oslo" in article.text


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example.ORG:443/a/b/?utm_source=rss&id=3&fbclid=x#top", "https://news.example.org/a/b?id=3"),
        ("http://example.org:8080/", "http://example.org:8080"),
        ("https://user:pw@example.org/x/", "https://example.org/x"),
        ("https://[2001:db8::1]/x", "https://[2001:db8::1]/x"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


@pytest.mark.parametrize("url", ["example.org/a", "not a url", "https://example.org:notaport/"])
def test_canonical_url_refuses_what_is_not_an_absolute_url(url):
    with pytest.raises(ValueError):
        canonical_url(url)


def test_article_id_by_url_else_by_normalized_text():
    by_url = article_id("https://example.org/a/?utm_campaign=x", "one")
    assert by_url == article_id("https://EXAMPLE.org/a", "two")
    assert article_id(None, "Talks  were\n held.") == article_id(None, " Talks were held. ")
    assert article_id(None, "Talks were held.") != article_id(None, "Talks were not held.")


def test_bad_url_in_metadata_is_dropped_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        article = article_from_record({"text": "Talks.", "url": "www.example.org/x"}, source="b.jsonl:1")
    assert article.url is None and article.id == article_id(None, "Talks.")
    assert "not absolute" in caplog.text


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_text_reader_never_raises_anything_else_on_bytes(data):
    try:
        article = article_from_text(data, source="fuzz.txt")
    except UnreadableInput as error:
        assert "\n" not in str(error)
    else:
        assert article.text and article.text == article.text.strip()


@FUZZ
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=2000)))
def test_html_reader_never_raises_anything_else(data):
    try:
        article_from_html(data, source="fuzz.html")
    except UnreadableInput as error:
        assert "\n" not in str(error)


@FUZZ
@given(st.text(max_size=500))
def test_html_reader_never_raises_on_markup_around_arbitrary_text(paragraph):
    page = f"<html><body><article>{f'<p>{paragraph}</p>' * 3}</article></body></html>"
    try:
        article_from_html(page, source="fuzz.html")
    except UnreadableInput as error:
        assert "\n" not in str(error)


@FUZZ
@given(st.lists(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)), max_size=8))
def test_jsonl_reader_yields_only_articles_and_one_line_failures(tmp_path_factory, chunks):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.jsonl"
    path.write_bytes(b"\n".join(chunks))
    for item in read_jsonl(path):
        assert isinstance(item, Article | ReadFailure)
        if isinstance(item, ReadFailure):
            assert "\n" not in item.error


@FUZZ
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=50),
                    lambda children: st.lists(children) | st.dictionaries(st.text(max_size=10), children),
                    max_leaves=10).map(lambda value: {"text": value} if isinstance(value, str) else value))
def test_jsonl_record_reader_never_raises_anything_else(record):
    try:
        article_from_record(record, source="fuzz.jsonl:1")
    except UnreadableInput as error:
        assert "\n" not in str(error)


def test_broken_link_in_a_folder_and_a_fifo_are_failures(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "ok.txt").write_text("Talks were held in Oslo.")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    articles, failures = _read(tmp_path)
    assert [a.text for a in articles] == ["Talks were held in Oslo."]
    assert {(Path(f.input).name, f.error) for f in failures} == {
        ("gone.txt", "No such file or directory"), ("pipe.txt", "not a regular file")
    }


def test_timeml_file_gives_its_text_and_creation_time(tmp_path: Path) -> None:
    path = tmp_path / "made-up.tml"
    path.write_text(
        '<?xml version="1.0" ?>\n<TimeML><DOCID>made-up</DOCID>'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-04" functionInDocument="CREATION_TIME">'
        '20010504</TIMEX3>'
        '</DCT><TEXT>Ministers <EVENT eid="e1" class="OCCURRENCE">met</EVENT> '
        '<TIMEX3 tid="t1" type="DATE" value="2001-05-03">Thursday</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    (article,) = read_inputs([path])
    assert (article.text, article.published, article.dct_origin) == (
        "Ministers met Thursday.", date(2001, 5, 4), "metadata"
    )


def test_broken_timeml_is_a_one_line_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.tml"
    path.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    (failure,) = read_inputs([path])
    assert isinstance(failure, ReadFailure)
    assert failure.error.startswith("not a readable TimeML file") and "\n" not in failure.error
