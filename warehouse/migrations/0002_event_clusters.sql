-- 0002: one real-world event reported by several articles (warehouse/clusters.py explains the merging).
-- Every event belongs to exactly one cluster; update_clusters() rebuilds both tables after each load.

CREATE TABLE event_clusters (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    summary VARCHAR NOT NULL,
    representative_event_id VARCHAR NOT NULL,
    first_day DATE,
    last_day DATE,
    actors VARCHAR[] NOT NULL,
    location VARCHAR,
    mention_count INTEGER NOT NULL,
    article_count INTEGER NOT NULL,
    first_reported DATE,
    last_reported DATE
);

CREATE TABLE event_cluster_members (
    event_id VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL
);
