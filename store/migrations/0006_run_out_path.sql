-- 0006: a draft run remembers the file its first run wrote (draft --out), so
-- `draft --resume` writes the finished report there too.
ALTER TABLE runs ADD COLUMN out_path TEXT NOT NULL DEFAULT '';
