// The schema's migrations, in order. Each entry is applied once; released entries never change:
// a change to the schema is a new entry at the end.
#include "store/migrations.hpp"

#include <array>

namespace tierdesk::store {
namespace {

// 1: tickets, their append-only history and the reference counters.
constexpr const char* migration_1 = R"sql(
CREATE TABLE ticket (
  id          INTEGER PRIMARY KEY,
  prefix      TEXT    NOT NULL,
  year        INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  customer    TEXT    NOT NULL,
  contract    TEXT    NOT NULL,
  channel     TEXT    NOT NULL,
  category    TEXT    NOT NULL,
  priority    TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  tier        INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 3),
  assignee    TEXT    NOT NULL,
  subject     TEXT    NOT NULL,
  external_id TEXT,
  flags       TEXT    NOT NULL,
  jourfixe    INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  UNIQUE (prefix, year, seq)
);
CREATE UNIQUE INDEX ticket_external ON ticket(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ticket_customer ON ticket(customer);
CREATE INDEX ticket_status ON ticket(status);
CREATE INDEX ticket_tier ON ticket(tier);
CREATE INDEX ticket_assignee ON ticket(assignee);
CREATE INDEX ticket_jourfixe ON ticket(contract) WHERE jourfixe = 1;

CREATE TABLE event (
  ticket_id INTEGER NOT NULL REFERENCES ticket(id),
  seq       INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  actor     TEXT    NOT NULL,
  kind      TEXT    NOT NULL,
  value     TEXT    NOT NULL,
  payload   TEXT    NOT NULL,
  PRIMARY KEY (ticket_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
  BEGIN SELECT RAISE(ABORT, 'the ticket history is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
  BEGIN SELECT RAISE(ABORT, 'the ticket history is append-only'); END;

CREATE TABLE ref_counter (
  prefix TEXT    NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
) WITHOUT ROWID;
)sql";

// 2: the SLA clock cache, its alarm instants (indexed for due/warning windows) and the
// notification records.
constexpr const char* migration_2 = R"sql(
CREATE TABLE ticket_clock (
  ticket_id   INTEGER NOT NULL REFERENCES ticket(id),
  clock       TEXT    NOT NULL,
  state       TEXT    NOT NULL,
  due         INTEGER,
  breached_at INTEGER,
  open_breach INTEGER NOT NULL,
  warnings    TEXT    NOT NULL,
  PRIMARY KEY (ticket_id, clock)
) WITHOUT ROWID;
CREATE INDEX ticket_clock_open_breach ON ticket_clock(ticket_id) WHERE open_breach = 1;

CREATE TABLE clock_alarm (
  ticket_id INTEGER NOT NULL REFERENCES ticket(id),
  clock     TEXT    NOT NULL,
  kind      INTEGER NOT NULL,
  level     INTEGER NOT NULL,
  at        INTEGER NOT NULL
);
CREATE INDEX clock_alarm_at ON clock_alarm(at);
CREATE INDEX clock_alarm_ticket ON clock_alarm(ticket_id);

CREATE TABLE notification (
  id        INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES ticket(id),
  at        INTEGER NOT NULL,
  kind      TEXT    NOT NULL,
  recipient TEXT    NOT NULL,
  text      TEXT    NOT NULL
);
CREATE INDEX notification_ticket ON notification(ticket_id);
)sql";

// 3: alarm rows carry the ticket's (immutable) reference and one index covers the window
// query in its output order, so "due within the next hour" reads one index range and
// nothing else: no join, no sort.
constexpr const char* migration_3 = R"sql(
CREATE TABLE clock_alarm_v3 (
  ticket_id INTEGER NOT NULL REFERENCES ticket(id),
  at        INTEGER NOT NULL,
  kind      INTEGER NOT NULL,
  prefix    TEXT    NOT NULL,
  year      INTEGER NOT NULL,
  seq       INTEGER NOT NULL,
  clock     TEXT    NOT NULL,
  level     INTEGER NOT NULL
);
INSERT INTO clock_alarm_v3(ticket_id, at, kind, prefix, year, seq, clock, level)
  SELECT a.ticket_id, a.at, a.kind, t.prefix, t.year, t.seq, a.clock, a.level
  FROM clock_alarm AS a JOIN ticket AS t ON t.id = a.ticket_id;
DROP TABLE clock_alarm;
ALTER TABLE clock_alarm_v3 RENAME TO clock_alarm;
CREATE INDEX clock_alarm_window ON clock_alarm(at, kind, prefix, year, seq, clock, level);
CREATE INDEX clock_alarm_ticket ON clock_alarm(ticket_id);
)sql";

// 4: work entries and fees. Each row carries its ticket's customer and contract (fixed when
// the ticket is created), so "a customer's work in a month" is one index range. Both tables
// are append-only, like the history they belong to.
constexpr const char* migration_4 = R"sql(
CREATE TABLE work_entry (
  id        INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES ticket(id),
  customer  TEXT    NOT NULL,
  contract  TEXT    NOT NULL,
  start     INTEGER NOT NULL,
  seconds   INTEGER NOT NULL CHECK (seconds > 0 AND seconds <= 86400),
  kind      TEXT    NOT NULL,
  role      TEXT    NOT NULL,
  agent     TEXT    NOT NULL,
  note      TEXT    NOT NULL
);
CREATE INDEX work_entry_ticket ON work_entry(ticket_id, start);
CREATE INDEX work_entry_customer ON work_entry(customer, start);
CREATE INDEX work_entry_contract ON work_entry(contract, start);
CREATE INDEX work_entry_start ON work_entry(start);
CREATE TRIGGER work_entry_no_update BEFORE UPDATE ON work_entry
  BEGIN SELECT RAISE(ABORT, 'work entries are append-only'); END;
CREATE TRIGGER work_entry_no_delete BEFORE DELETE ON work_entry
  BEGIN SELECT RAISE(ABORT, 'work entries are append-only'); END;

CREATE TABLE ticket_fee (
  id        INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES ticket(id),
  customer  TEXT    NOT NULL,
  contract  TEXT    NOT NULL,
  code      TEXT    NOT NULL,
  at        INTEGER NOT NULL
);
CREATE INDEX ticket_fee_ticket ON ticket_fee(ticket_id, at);
CREATE INDEX ticket_fee_customer ON ticket_fee(customer, at);
CREATE INDEX ticket_fee_contract ON ticket_fee(contract, at);
CREATE INDEX ticket_fee_at ON ticket_fee(at);
CREATE TRIGGER ticket_fee_no_update BEFORE UPDATE ON ticket_fee
  BEGIN SELECT RAISE(ABORT, 'fees are append-only'); END;
CREATE TRIGGER ticket_fee_no_delete BEFORE DELETE ON ticket_fee
  BEGIN SELECT RAISE(ABORT, 'fees are append-only'); END;
)sql";

// 5: the alarm cache becomes one clustered index (WITHOUT ROWID) whose key is the whole row,
// kind first: "due in [a, b)" is one contiguous key range, and writing an alarm touches one
// b-tree instead of a table and two indexes. A ticket's alarms are deleted by their exact keys,
// which its ticket_clock rows (due, warnings) give, so no index on the ticket is needed.
constexpr const char* migration_5 = R"sql(
CREATE TABLE clock_alarm_v5 (
  kind   INTEGER NOT NULL,
  at     INTEGER NOT NULL,
  prefix TEXT    NOT NULL,
  year   INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  clock  TEXT    NOT NULL,
  level  INTEGER NOT NULL,
  PRIMARY KEY (kind, at, prefix, year, seq, clock, level)
) WITHOUT ROWID;
INSERT INTO clock_alarm_v5(kind, at, prefix, year, seq, clock, level)
  SELECT kind, at, prefix, year, seq, clock, level FROM clock_alarm;
DROP TABLE clock_alarm;
ALTER TABLE clock_alarm_v5 RENAME TO clock_alarm;
)sql";


// 6: API tokens, kept as SHA-256 digests of their secrets (the secret itself is never stored).
constexpr const char* migration_6 = R"sql(
CREATE TABLE api_token (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  role       TEXT    NOT NULL CHECK (role IN ('agent', 'customer', 'admin')),
  customer   TEXT    NOT NULL,
  digest     TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked    INTEGER NOT NULL DEFAULT 0
);
)sql";

// 7: the alarm key becomes four integers. A reference space (prefix, year) and a clock name
// each get a small id (store/name_ids.hpp); the key is (kind, at, space << 40 | seq,
// clock << 4 | level), in the order of the old one, about 14 bytes a row instead of 32: half
// the pages for the same alarms, and keys compared without memcmp.
constexpr const char* migration_7 = R"sql(
CREATE TABLE ref_space (
  id     INTEGER PRIMARY KEY,
  prefix TEXT    NOT NULL,
  year   INTEGER NOT NULL,
  UNIQUE (prefix, year)
);
CREATE TABLE clock_name (
  id   INTEGER PRIMARY KEY,
  name TEXT    NOT NULL UNIQUE
);
INSERT INTO ref_space(prefix, year) SELECT DISTINCT prefix, year FROM clock_alarm ORDER BY 1, 2;
INSERT INTO clock_name(name) SELECT DISTINCT clock FROM clock_alarm ORDER BY 1;
CREATE TABLE clock_alarm_v7 (
  kind INTEGER NOT NULL,
  at   INTEGER NOT NULL,
  ref  INTEGER NOT NULL,
  slot INTEGER NOT NULL,
  PRIMARY KEY (kind, at, ref, slot)
) WITHOUT ROWID;
INSERT INTO clock_alarm_v7(kind, at, ref, slot)
  SELECT a.kind, a.at, (s.id << 40) | a.seq, (c.id << 4) | a.level
  FROM clock_alarm AS a
  JOIN ref_space AS s ON s.prefix = a.prefix AND s.year = a.year
  JOIN clock_name AS c ON c.name = a.clock;
DROP TABLE clock_alarm;
ALTER TABLE clock_alarm_v7 RENAME TO clock_alarm;
)sql";

// 8: the clock cache moves into the ticket row (store/codec.hpp, encode_clocks), with a flag
// for an open breach. A ticket's clocks are always read and replaced whole, so one row per
// clock (and its foreign-key check) was two b-tree writes per ticket bought for nothing.
constexpr const char* migration_8 = R"sql(
ALTER TABLE ticket ADD COLUMN clocks TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ticket ADD COLUMN open_breach INTEGER NOT NULL DEFAULT 0;
UPDATE ticket SET
  clocks = (SELECT json_group_array(json_array(c.clock, c.state, c.due, c.breached_at,
                                               c.open_breach, json(c.warnings)))
            FROM (SELECT * FROM ticket_clock WHERE ticket_id = ticket.id ORDER BY clock) AS c),
  open_breach = EXISTS (SELECT 1 FROM ticket_clock WHERE ticket_id = ticket.id AND open_breach = 1)
  WHERE id IN (SELECT ticket_id FROM ticket_clock);
DROP TABLE ticket_clock;
CREATE INDEX ticket_open_breach ON ticket(id) WHERE open_breach = 1;
)sql";

// 9: the customer index keys tickets by an integer id per customer (table customer_name,
// store/name_ids.hpp) instead of the name: about 6 bytes an entry instead of 17. Tickets of
// many customers interleave, so every commit rewrites pages all over this index; a third of
// the pages is a third of those writes.
constexpr const char* migration_9 = R"sql(
CREATE TABLE customer_name (
  id   INTEGER PRIMARY KEY,
  name TEXT    NOT NULL UNIQUE
);
INSERT INTO customer_name(name) SELECT DISTINCT customer FROM ticket ORDER BY 1;
ALTER TABLE ticket ADD COLUMN customer_id INTEGER NOT NULL DEFAULT 0;
UPDATE ticket SET customer_id = (SELECT id FROM customer_name WHERE name = ticket.customer);
DROP INDEX ticket_customer;
CREATE INDEX ticket_customer ON ticket(customer_id);
)sql";

// 10: status and tier share one index, (status, tier): writing a ticket adds one entry where it
// added two, and a status change moves one. A query by status reads the index's first column;
// one by tier alone names the statuses (status IN (…) AND tier = ?), a short range per status.
constexpr const char* migration_10 = R"sql(
DROP INDEX ticket_status;
DROP INDEX ticket_tier;
CREATE INDEX ticket_status_tier ON ticket(status, tier);
)sql";

// 11: an event's key is one integer, `ticket_id << 20 | seq` (store/detail_rows.hpp,
// event_key), in a rowid table. A ticket's history is still one contiguous range, read in
// order; but a new event is appended by integer key, where the (ticket_id, seq) primary key of
// a WITHOUT ROWID table compared records and split pages as an index does, and the
// foreign-key lookup of the ticket row per event goes (the store writes events only for a
// ticket row it wrote or read in the same transaction, and never deletes tickets). The view
// event_history shows the rows with ticket_id and seq, for people reading the file.
constexpr const char* migration_11 = R"sql(
CREATE TABLE event_v11 (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  actor   TEXT    NOT NULL,
  kind    TEXT    NOT NULL,
  value   TEXT    NOT NULL,
  payload TEXT    NOT NULL
);
INSERT INTO event_v11(id, at, actor, kind, value, payload)
  SELECT (ticket_id << 20) | seq, at, actor, kind, value, payload FROM event
  ORDER BY ticket_id, seq;
DROP TABLE event;
ALTER TABLE event_v11 RENAME TO event;
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
  BEGIN SELECT RAISE(ABORT, 'the ticket history is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
  BEGIN SELECT RAISE(ABORT, 'the ticket history is append-only'); END;
CREATE VIEW event_history AS
  SELECT id >> 20 AS ticket_id, id & 1048575 AS seq, at, actor, kind, value, payload FROM event;
)sql";

// 12: work entries and fees know the event that recorded them (`entry`, its seq in the
// ticket's history: the n-th row of a ticket is its n-th work_logged / fee_charged event), and
// a correction reverses one of them by that key. The tables stay append-only: a reversal is
// a row of its own, and an entry has at most one.
constexpr const char* migration_12 = R"sql(
DROP TRIGGER work_entry_no_update;
DROP TRIGGER ticket_fee_no_update;
ALTER TABLE work_entry ADD COLUMN entry INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_fee ADD COLUMN entry INTEGER NOT NULL DEFAULT 0;
UPDATE work_entry SET entry = n.entry FROM (
  SELECT w.id AS id, e.id & 1048575 AS entry
  FROM (SELECT id, ticket_id, row_number() OVER (PARTITION BY ticket_id ORDER BY id) AS k
        FROM work_entry) AS w
  JOIN (SELECT id, id >> 20 AS ticket_id,
               row_number() OVER (PARTITION BY id >> 20 ORDER BY id) AS k
        FROM event WHERE kind = 'work_logged') AS e
    ON e.ticket_id = w.ticket_id AND e.k = w.k) AS n
WHERE work_entry.id = n.id;
UPDATE ticket_fee SET entry = n.entry FROM (
  SELECT f.id AS id, e.id & 1048575 AS entry
  FROM (SELECT id, ticket_id, row_number() OVER (PARTITION BY ticket_id ORDER BY id) AS k
        FROM ticket_fee) AS f
  JOIN (SELECT id, id >> 20 AS ticket_id,
               row_number() OVER (PARTITION BY id >> 20 ORDER BY id) AS k
        FROM event WHERE kind = 'fee_charged') AS e
    ON e.ticket_id = f.ticket_id AND e.k = f.k) AS n
WHERE ticket_fee.id = n.id;
CREATE TRIGGER work_entry_no_update BEFORE UPDATE ON work_entry
  BEGIN SELECT RAISE(ABORT, 'work entries are append-only'); END;
CREATE TRIGGER ticket_fee_no_update BEFORE UPDATE ON ticket_fee
  BEGIN SELECT RAISE(ABORT, 'fees are append-only'); END;

CREATE TABLE reversal (
  ticket_id INTEGER NOT NULL REFERENCES ticket(id),
  entry     INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  actor     TEXT    NOT NULL,
  reason    TEXT    NOT NULL,
  PRIMARY KEY (ticket_id, entry)
) WITHOUT ROWID;
CREATE TRIGGER reversal_no_update BEFORE UPDATE ON reversal
  BEGIN SELECT RAISE(ABORT, 'reversals are append-only'); END;
CREATE TRIGGER reversal_no_delete BEFORE DELETE ON reversal
  BEGIN SELECT RAISE(ABORT, 'reversals are append-only'); END;
)sql";

// 13: the customer index leads with the ticket's id bucket, (id >> 14, customer_id). Keyed by
// customer first, a batch of tickets of 500 customers added an entry to 500 leaf pages
// scattered over the whole index, and every commit wrote them all to the WAL and every
// checkpoint back to the file; that cost grew with the index up to one page per customer. New
// tickets now land in the last bucket's few pages, whatever the store's size. A customer's
// tickets are one short range per bucket (a bucket holds 16,384 tickets; the query lists the
// buckets, sqlite_store_read.cpp).
constexpr const char* migration_13 = R"sql(
DROP INDEX ticket_customer;
CREATE INDEX ticket_customer_bucket ON ticket(id >> 14, customer_id);
)sql";

constexpr std::array migrations{migration_1, migration_2, migration_3, migration_4,
                                migration_5, migration_6, migration_7, migration_8,
                                migration_9, migration_10, migration_11, migration_12,
                                migration_13};

}  // namespace

std::span<const char* const> schema_migrations() noexcept { return migrations; }

}  // namespace tierdesk::store
