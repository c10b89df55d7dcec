-- 0004: a cluster's confidence, the highest of its mentions', so queries and charts can leave out weak
-- extractions (light verbs, bare quote attributions) by default. Clusters stored before this migration
-- are rebuilt by the next update_clusters(); until then they count as fully confident.

ALTER TABLE event_clusters ADD COLUMN confidence DOUBLE DEFAULT 1.0;
