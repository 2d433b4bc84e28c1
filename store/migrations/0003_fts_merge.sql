-- 0003: no automatic merging of full-text segments after each commit.
-- Ingest commits once per document; merging after every few commits made it
-- about 10% slower. FTS5 still merges a level once it holds 16 segments
-- ("crisismerge"), and `zongjie ingest` merges the index into one segment
-- when it has added documents (DB.Optimize), so searches read few segments.
INSERT INTO sections_fts (sections_fts, rank) VALUES ('automerge', 0);
