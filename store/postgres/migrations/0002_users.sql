-- 0002: users of a shared `zongjie serve` (the SQLite store's 0008). Only
-- the hash of a user's token is kept (see users.TokenHash). Identity ids
-- are never reused, so a user added later under a removed user's name owns
-- none of the removed user's drafts or calls.

CREATE TABLE users (
	id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name       text        NOT NULL UNIQUE,
	token_hash text        NOT NULL UNIQUE,
	admin      boolean     NOT NULL,
	created_at timestamptz NOT NULL
);

-- The user who drafted a run; 0 for runs made without users (the command
-- line, a server without users). Not a foreign key: a removed user's runs
-- stay, owned by an id nobody gets again.
ALTER TABLE runs ADD COLUMN owner bigint NOT NULL DEFAULT 0;

-- The name of the user who uploaded a report; '' for the command line's
-- ingest and the built-in sample reports.
ALTER TABLE documents ADD COLUMN added_by text NOT NULL DEFAULT '';

-- Whose request made a model call (prompts hold that user's facts): the
-- user's id for access, their name as it was for the log page; 0 and ''
-- without users.
ALTER TABLE calls ADD COLUMN user_id bigint NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN user_name text NOT NULL DEFAULT '';
CREATE INDEX calls_by_user ON calls (user_id, created_at);
