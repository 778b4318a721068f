"""The hub's schema as numbered migrations; ``hub init`` applies them all, ``hub upgrade`` the ones a hub lacks.

Every annotation is one row of ``trendmark.rows`` keyed by (kind, owner, key): ``author_id``
owns it, ``seq`` is its place in the change feed (a new number at every change, from one
sequence, indexed), ``origin`` the client that wrote it (so a pull skips its own echo),
``data`` the row as the local file holds it, deletions included as tombstones (``deleted_at``).
Reports sit in ``trendmark.reports`` by their content-derived id: the same text is one row.

Authorship: ``trendmark.members`` maps each PostgreSQL role to one analyst (author id), and
row-level security lets a role insert, change and delete only rows whose ``author_id`` is its
own, while every member reads everything. Members may read the mapping, never write it.
"""

from __future__ import annotations

# Append only: a hub records the highest number it has applied (trendmark.schema_version).
MIGRATIONS: list[str] = [
    # 1: members, rows, reports, the change sequence, and the policies.
    """
    CREATE TABLE trendmark.hub (
        id uuid PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO trendmark.hub (id) VALUES (gen_random_uuid());
    CREATE TABLE trendmark.members (
        role name PRIMARY KEY,
        author_id text UNIQUE,  -- NULL until the role's first sync claims the analyst it writes as
        granted_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE FUNCTION trendmark.my_author() RETURNS text
        LANGUAGE sql STABLE SET search_path = pg_catalog, trendmark
        AS $$ SELECT author_id FROM trendmark.members WHERE role = current_user $$;
    CREATE FUNCTION trendmark.is_member() RETURNS boolean
        LANGUAGE sql STABLE SET search_path = pg_catalog, trendmark
        AS $$ SELECT EXISTS (SELECT 1 FROM trendmark.members WHERE role = current_user) $$;
    -- A granted role without an analyst claims one on its first sync, once; an analyst already
    -- taken by another role cannot be claimed. It runs with the owner's rights (members cannot
    -- write the mapping), where current_user is the owner: the caller is session_user.
    CREATE FUNCTION trendmark.claim_author(wanted text) RETURNS text
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, trendmark
        AS $$
        DECLARE mine text;
        BEGIN
            UPDATE trendmark.members SET author_id = wanted
                WHERE role = session_user AND author_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM trendmark.members WHERE author_id = wanted);
            SELECT author_id INTO mine FROM trendmark.members WHERE role = session_user;
            RETURN mine;
        END $$;
    CREATE SEQUENCE trendmark.change_seq;
    CREATE TABLE trendmark.rows (
        kind text NOT NULL,
        author_id text NOT NULL,
        key text NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('trendmark.change_seq'),
        origin uuid NOT NULL,
        updated_at text,
        data jsonb NOT NULL,
        PRIMARY KEY (kind, author_id, key)
    );
    CREATE INDEX rows_by_seq ON trendmark.rows (seq);
    CREATE TABLE trendmark.reports (
        id text PRIMARY KEY,
        author_id text NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('trendmark.change_seq'),
        origin uuid NOT NULL,
        report jsonb NOT NULL,
        nodes jsonb NOT NULL
    );
    CREATE INDEX reports_by_seq ON trendmark.reports (seq);
    ALTER TABLE trendmark.rows ENABLE ROW LEVEL SECURITY;
    ALTER TABLE trendmark.reports ENABLE ROW LEVEL SECURITY;
    CREATE POLICY members_read ON trendmark.rows FOR SELECT USING (trendmark.is_member());
    CREATE POLICY own_insert ON trendmark.rows FOR INSERT WITH CHECK (author_id = trendmark.my_author());
    CREATE POLICY own_update ON trendmark.rows FOR UPDATE
        USING (author_id = trendmark.my_author()) WITH CHECK (author_id = trendmark.my_author());
    CREATE POLICY own_delete ON trendmark.rows FOR DELETE USING (author_id = trendmark.my_author());
    CREATE POLICY members_read ON trendmark.reports FOR SELECT USING (trendmark.is_member());
    CREATE POLICY own_insert ON trendmark.reports FOR INSERT WITH CHECK (author_id = trendmark.my_author());
    CREATE POLICY own_update ON trendmark.reports FOR UPDATE
        USING (author_id = trendmark.my_author()) WITH CHECK (author_id = trendmark.my_author());
    CREATE POLICY own_delete ON trendmark.reports FOR DELETE USING (author_id = trendmark.my_author());
    REVOKE ALL ON SCHEMA trendmark FROM PUBLIC;
    REVOKE ALL ON FUNCTION trendmark.my_author(), trendmark.is_member(), trendmark.claim_author(text) FROM PUBLIC;
    """,
]

# What a granted role may touch; the policies above decide which rows.
GRANTS = [
    "GRANT USAGE ON SCHEMA trendmark TO {role}",
    "GRANT SELECT ON trendmark.schema_version, trendmark.hub, trendmark.members TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON trendmark.rows, trendmark.reports TO {role}",
    "GRANT USAGE ON SEQUENCE trendmark.change_seq TO {role}",
    "GRANT EXECUTE ON FUNCTION trendmark.my_author(), trendmark.is_member(), trendmark.claim_author(text) TO {role}",
]
