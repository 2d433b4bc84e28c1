-- 0009: a random id made once for this database, so that copying its rows
-- into a shared database (zongjie migrate) can name where each run and call
-- came from ("sqlite:<id>:<row id>") and copy each only once.

CREATE TABLE database_id (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	value TEXT    NOT NULL
);
INSERT INTO database_id (id, value) VALUES (1, lower(hex(randomblob(16))));
