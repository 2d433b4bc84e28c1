-- 0001: documents, sections, figures, the bigram full-text index and the
-- model call log. Append-only: change the schema in a new numbered file.

CREATE TABLE documents (
	id         INTEGER PRIMARY KEY,
	hash       TEXT    NOT NULL UNIQUE, -- sha256 hex of the normalised text; re-ingest is a no-op
	source     TEXT    NOT NULL,
	encoding   TEXT    NOT NULL,
	title      TEXT    NOT NULL,
	org        TEXT    NOT NULL,
	year       INTEGER,                 -- NULL when unknown
	period     TEXT    NOT NULL,
	kind       TEXT    NOT NULL,
	created_at TEXT    NOT NULL
);
CREATE INDEX documents_year ON documents (year);

CREATE TABLE sections (
	id          INTEGER PRIMARY KEY,
	doc_id      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	path        TEXT    NOT NULL, -- "2.1"
	parent_path TEXT    NOT NULL,
	level       INTEGER NOT NULL CHECK (level >= 0),
	marker      TEXT    NOT NULL,
	heading     TEXT    NOT NULL,
	part        TEXT    NOT NULL,
	category    TEXT    NOT NULL,
	text        TEXT    NOT NULL, -- last: filters on the columns above skip its overflow pages
	UNIQUE (doc_id, seq)
);
CREATE INDEX sections_category ON sections (category, part);
CREATE INDEX sections_part ON sections (part);
-- Search checks filters for each full-text match by id. The table rows are
-- wide (the text), so these lookups would read a page per row; this narrow
-- covering index keeps them in a few cached pages.
CREATE INDEX sections_filter ON sections (id, category, part, doc_id);

CREATE TABLE figures (
	id          INTEGER PRIMARY KEY,
	section_id  INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	text        TEXT    NOT NULL,
	value       REAL,             -- NULL exactly for placeholders such as "xx人"
	unit        TEXT    NOT NULL,
	label       TEXT    NOT NULL,
	placeholder INTEGER NOT NULL CHECK (placeholder IN (0, 1)),
	CHECK ((value IS NULL) = (placeholder = 1)),
	UNIQUE (section_id, seq)
);

-- Rows hold the Go-generated bigrams of sections.heading and sections.text
-- ("县教育局" → "县教 教育 育局"), rowid = sections.id. Contentless, so the
-- text is stored once; the store writes it in the transaction that writes
-- the section, and the trigger below removes it with the section.
CREATE VIRTUAL TABLE sections_fts USING fts5 (
	heading,
	text,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61'
);
-- Headings weigh five times the text, also for ad-hoc "ORDER BY rank".
INSERT INTO sections_fts (sections_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');

CREATE TRIGGER sections_fts_delete AFTER DELETE ON sections BEGIN
	DELETE FROM sections_fts WHERE rowid = old.id;
END;

CREATE TABLE calls (
	id                INTEGER PRIMARY KEY,
	purpose           TEXT    NOT NULL,
	model             TEXT    NOT NULL,
	prompt            TEXT    NOT NULL,
	response          TEXT    NOT NULL,
	prompt_tokens     INTEGER NOT NULL,
	completion_tokens INTEGER NOT NULL,
	finish_reason     TEXT    NOT NULL,
	latency_ms        INTEGER NOT NULL,
	error             TEXT    NOT NULL,
	created_at        TEXT    NOT NULL
);
CREATE INDEX calls_created_at ON calls (created_at);
