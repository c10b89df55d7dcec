-- 0001: the base tables of DESIGN.md. Never edit after it ships: add a new migration instead.
-- No foreign keys (DuckDB cannot update or delete rows that others reference within one transaction);
-- load.py keeps articles, their time expressions and their events consistent, one transaction per article.
-- events and time_expressions have no key index on purpose: DuckDB maintains one per inserted row, which
-- halves the bulk-load speed (bench/bench_warehouse.py). load.py guarantees the identities instead: each
-- batch is deduplicated (one event per id, one expression per article and offsets) and an article's old
-- rows are deleted in the same transaction that inserts its new ones.

CREATE TABLE sources (
    name VARCHAR PRIMARY KEY,
    first_seen TIMESTAMP NOT NULL,
    last_seen TIMESTAMP NOT NULL
);

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    title VARCHAR,
    source VARCHAR NOT NULL,
    published DATE,
    dct_origin VARCHAR NOT NULL,
    language VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    first_loaded_at TIMESTAMP NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    run_id VARCHAR
);

CREATE TABLE time_expressions (
    article_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    mod VARCHAR,
    first_day DATE,
    last_day DATE,
    granularity VARCHAR
);

CREATE TABLE events (
    id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    summary VARCHAR NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text VARCHAR NOT NULL,
    trigger_lemma VARCHAR NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence VARCHAR NOT NULL,
    actors VARCHAR[] NOT NULL,
    location VARCHAR,
    time_start INTEGER,
    time_end INTEGER,
    time_text VARCHAR,
    time_type VARCHAR,
    time_value VARCHAR,
    time_mod VARCHAR,
    first_day DATE,
    last_day DATE,
    granularity VARCHAR,
    duration VARCHAR,
    modality VARCHAR,
    confidence DOUBLE NOT NULL,
    negated BOOLEAN NOT NULL
);

CREATE TABLE runs (
    id VARCHAR PRIMARY KEY,
    flow_run_id VARCHAR,
    inputs VARCHAR[] NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    counts JSON
);

CREATE TABLE failures (
    run_id VARCHAR NOT NULL,
    input VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    details JSON,
    recorded_at TIMESTAMP NOT NULL
);
