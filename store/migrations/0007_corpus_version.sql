-- 0007: a counter that changes whenever the corpus does, so that what is
-- mined from all reports (the canonical template of a kind) can be cached
-- and dropped when a report is added, removed or changed. Triggers keep it,
-- so every writer, present or future, bumps it in its own transaction.

CREATE TABLE corpus_state (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
);
INSERT INTO corpus_state (id, version) VALUES (1, 1);

CREATE TRIGGER corpus_version_doc_insert AFTER INSERT ON documents BEGIN
	UPDATE corpus_state SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER corpus_version_doc_delete AFTER DELETE ON documents BEGIN
	UPDATE corpus_state SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER corpus_version_doc_update AFTER UPDATE ON documents BEGIN
	UPDATE corpus_state SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER corpus_version_section_update AFTER UPDATE ON sections BEGIN
	UPDATE corpus_state SET version = version + 1 WHERE id = 1;
END;
