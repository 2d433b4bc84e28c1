-- 0001: the whole schema of the SQLite store's migrations 0001–0007, for
-- PostgreSQL. Append-only: change the schema in a new numbered file.

CREATE TABLE documents (
	id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	hash       text        NOT NULL UNIQUE, -- sha256 hex of the normalised text; re-ingest is a no-op
	source     text        NOT NULL,
	encoding   text        NOT NULL,
	title      text        NOT NULL,
	org        text        NOT NULL,
	year       integer,                     -- NULL when unknown
	period     text        NOT NULL,
	kind       text        NOT NULL,
	created_at timestamptz NOT NULL
);
CREATE INDEX documents_year ON documents (year);
CREATE INDEX documents_source ON documents (source);

-- tsv holds the Go-made bigrams of heading (weight A) and text (weight D)
-- as a tsvector literal, written with the section: no text search parser
-- or dictionary is involved, so Han characters are tokens whatever the
-- database's locale, and search matches exactly what SQLite's index does.
CREATE TABLE sections (
	id          bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	doc_id      bigint   NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	seq         integer  NOT NULL,
	path        text     NOT NULL, -- "2.1"
	parent_path text     NOT NULL,
	level       integer  NOT NULL CHECK (level >= 0),
	marker      text     NOT NULL,
	heading     text     NOT NULL,
	part        text     NOT NULL,
	category    text     NOT NULL,
	text        text     NOT NULL,
	tsv         tsvector NOT NULL,
	UNIQUE (doc_id, seq)
);
CREATE INDEX sections_category ON sections (category, part);
CREATE INDEX sections_part ON sections (part);
CREATE INDEX sections_tsv ON sections USING gin (tsv);

CREATE TABLE figures (
	section_id  bigint           NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
	seq         integer          NOT NULL,
	text        text             NOT NULL,
	value       double precision,          -- NULL exactly for placeholders such as "xx人"
	unit        text             NOT NULL,
	label       text             NOT NULL,
	placeholder boolean          NOT NULL,
	CHECK ((value IS NULL) = placeholder),
	PRIMARY KEY (section_id, seq)
);

CREATE TABLE calls (
	id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	purpose           text        NOT NULL,
	model             text        NOT NULL,
	prompt            text        NOT NULL,
	response          text        NOT NULL,
	prompt_tokens     integer     NOT NULL,
	completion_tokens integer     NOT NULL,
	finish_reason     text        NOT NULL,
	latency_ms        bigint      NOT NULL,
	error             text        NOT NULL,
	created_at        timestamptz NOT NULL
);
CREATE INDEX calls_created_at ON calls (created_at);

CREATE TABLE runs (
	id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	title       text        NOT NULL,
	mode        text        NOT NULL, -- "llm" | "offline"
	facts_name  text        NOT NULL,
	facts_yaml  text        NOT NULL, -- the facts file as given
	template    jsonb       NOT NULL, -- draft.Template
	opening     text        NOT NULL,
	out_path    text        NOT NULL,
	created_at  timestamptz NOT NULL
);

CREATE TABLE run_sections (
	run_id   bigint  NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	seq      integer NOT NULL,
	level    integer NOT NULL,
	marker   text    NOT NULL,
	heading  text    NOT NULL,
	part     text    NOT NULL,
	category text    NOT NULL,
	write    boolean NOT NULL,
	status   text    NOT NULL, -- "pending" | "done" | "failed"
	text     text    NOT NULL,
	error    text    NOT NULL,
	PRIMARY KEY (run_id, seq)
);

-- The corpus version is a sequence, not a counted row: concurrent ingests
-- would queue on the row's lock for the whole of each other's transaction.
-- A rolled-back change may still move it, which only drops a cache early.
-- Row triggers: an insert that skips a duplicate fires none.
CREATE SEQUENCE corpus_version;
CREATE FUNCTION bump_corpus_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM nextval('corpus_version');
	RETURN NULL;
END $$;
CREATE TRIGGER corpus_version_documents AFTER INSERT OR UPDATE OR DELETE ON documents
	FOR EACH ROW EXECUTE FUNCTION bump_corpus_version();
CREATE TRIGGER corpus_version_sections AFTER UPDATE ON sections
	FOR EACH ROW EXECUTE FUNCTION bump_corpus_version();

-- seeded is true once the built-in sample reports were offered to this
-- database, so removing them does not bring them back at the next open.
CREATE TABLE corpus_state (
	id     integer PRIMARY KEY CHECK (id = 1),
	seeded boolean NOT NULL
);
INSERT INTO corpus_state (id, seeded) VALUES (1, false);
