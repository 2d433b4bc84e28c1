-- 0005: the full-text index may lag behind the sections table. A bulk
-- ingest stores each document in its own transaction but indexes the new
-- sections in batches (DB.IndexPending), because FTS5 writes an index segment
-- at every commit and that was over half of the time to store a document.
-- indexed_through is the largest section id whose index rows are written;
-- sections above it are pending. Sections get increasing ids, so "pending"
-- is exactly id > indexed_through.

CREATE TABLE index_state (
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	indexed_through  INTEGER NOT NULL
);
-- Every section stored so far is indexed (0004 indexed them all).
INSERT INTO index_state (id, indexed_through) VALUES (1, (SELECT coalesce(max(id), 0) FROM sections));
