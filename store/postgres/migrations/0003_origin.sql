-- 0003: where a run or call copied from another database (zongjie migrate)
-- came from, "sqlite:<database id>:<row id>", so that copying again adds
-- nothing; NULL for rows made here. UNIQUE allows any number of NULLs.

ALTER TABLE runs ADD COLUMN origin text UNIQUE;
ALTER TABLE calls ADD COLUMN origin text UNIQUE;
