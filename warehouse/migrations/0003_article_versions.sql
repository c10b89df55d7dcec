-- 0003: article versions. `version` counts the texts seen at one article identity (1 = never changed);
-- articles stored before this migration are their first version.

ALTER TABLE articles ADD COLUMN version INTEGER DEFAULT 1;
UPDATE articles SET version = 1 WHERE version IS NULL;
