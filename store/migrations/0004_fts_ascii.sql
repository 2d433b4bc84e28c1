-- 0004: the full-text index splits its text with FTS5's ascii tokenizer.
-- The text is already tokenized in Go (store/bigram.go: folded bigrams and
-- words separated by spaces), so all FTS5 has to do is split at the spaces;
-- unicode61 also looked up every character in its Unicode tables and removed
-- diacritics, which cost about 8% of an ingest and could only split a token
-- where Go's Unicode tables and SQLite's disagree.
--
-- The table is contentless, so SQL cannot rebuild it: the store's Go hook
-- for this migration (reindexSections) fills it again from the sections
-- table, in the same transaction.

DROP TRIGGER sections_fts_delete;
DROP TABLE sections_fts;

CREATE VIRTUAL TABLE sections_fts USING fts5 (
	heading,
	text,
	content = '',
	contentless_delete = 1,
	tokenize = 'ascii'
);
INSERT INTO sections_fts (sections_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');
-- As in 0003: ingest commits once per document and merges at the end.
INSERT INTO sections_fts (sections_fts, rank) VALUES ('automerge', 0);

CREATE TRIGGER sections_fts_delete AFTER DELETE ON sections BEGIN
	DELETE FROM sections_fts WHERE rowid = old.id;
END;
