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

-- seeded is 1 once the built-in sample reports were offered to this
-- database (loaded, or found unwanted), so removing them, or every report,
-- does not bring them back at the next open. A database that already holds
-- reports was seeded when it was new.
ALTER TABLE corpus_state ADD COLUMN seeded INTEGER NOT NULL DEFAULT 0;
UPDATE corpus_state SET seeded = (SELECT count(*) > 0 FROM documents) WHERE id = 1;
