-- The stores each user may see (the store scope of the access model). Admins see every store whatever this
-- holds; for everyone else an empty array means no store at all.
ALTER TABLE users ADD COLUMN stores text[] NOT NULL DEFAULT '{}';
