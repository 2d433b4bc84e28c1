-- 0002: draft runs, so an interrupted draft keeps its finished sections and
-- `zongjie draft --resume ID` can finish the rest.

CREATE TABLE runs (
	id          INTEGER PRIMARY KEY,
	title       TEXT    NOT NULL,
	mode        TEXT    NOT NULL, -- "llm" | "offline"
	facts_name  TEXT    NOT NULL,
	facts_yaml  TEXT    NOT NULL, -- the facts file as given
	template    TEXT    NOT NULL, -- JSON of draft.Template
	opening     TEXT    NOT NULL,
	created_at  TEXT    NOT NULL
);

CREATE TABLE run_sections (
	run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	seq      INTEGER NOT NULL,
	level    INTEGER NOT NULL,
	marker   TEXT    NOT NULL,
	heading  TEXT    NOT NULL,
	part     TEXT    NOT NULL,
	category TEXT    NOT NULL,
	write    INTEGER NOT NULL CHECK (write IN (0, 1)),
	status   TEXT    NOT NULL, -- "pending" | "done" | "failed"
	text     TEXT    NOT NULL,
	error    TEXT    NOT NULL,
	PRIMARY KEY (run_id, seq)
);
