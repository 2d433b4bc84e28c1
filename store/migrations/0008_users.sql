-- 0008: users of a shared `zongjie serve`, each with a personal token.
-- Only the token's hash is kept (see users.TokenHash). Ids are never reused
-- (AUTOINCREMENT), so a user added later under a removed user's name owns
-- none of the removed user's drafts or calls.

CREATE TABLE users (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT    NOT NULL UNIQUE,
	token_hash  TEXT    NOT NULL UNIQUE,
	admin       INTEGER NOT NULL CHECK (admin IN (0, 1)),
	created_at  TEXT    NOT NULL
);

-- The user who drafted a run; 0 for runs made without users (the command
-- line, a server without users).
ALTER TABLE runs ADD COLUMN owner INTEGER NOT NULL DEFAULT 0;

-- The name of the user who uploaded a report; '' for the command line's
-- ingest and the built-in sample reports.
ALTER TABLE documents ADD COLUMN added_by TEXT NOT NULL DEFAULT '';

-- Whose request made a model call (prompts hold that user's facts): the
-- user's id for access, their name as it was for the log page; 0 and ''
-- without users.
ALTER TABLE calls ADD COLUMN user_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN user_name TEXT NOT NULL DEFAULT '';
CREATE INDEX calls_by_user ON calls (user_id, created_at);
