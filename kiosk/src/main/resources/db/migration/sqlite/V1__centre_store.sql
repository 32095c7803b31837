-- The centre's store (issue 13). Versions V1-V49: the store; V50-V79: reports and cases; V80-V99: parcels.
-- Times are epoch milliseconds; "time" keeps the envelope's own ISO text.
CREATE TABLE kiosk (
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  presence TEXT,
  presence_time_ms INTEGER,
  presence_since_ms INTEGER,
  version TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_event_ms INTEGER,
  last_received_ms INTEGER,
  printer TEXT,
  printer_time_ms INTEGER,
  outbox_depth INTEGER,
  tickets_today INTEGER,
  ratings_today INTEGER,
  telemetry_time_ms INTEGER,
  received INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  conflicts INTEGER NOT NULL DEFAULT 0,
  missing INTEGER NOT NULL DEFAULT 0,
  gap_since_ms INTEGER,
  lost_below INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site, kiosk)
);

CREATE TABLE event (
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  time TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  received_ms INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  PRIMARY KEY (site, kiosk, seq)
);
CREATE INDEX event_by_type_time ON event (type, time_ms);

-- another id under a stored seq: kept aside, never in event
CREATE TABLE event_conflict (
  row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  envelope TEXT NOT NULL
);

-- the received seqs of each kiosk as disjoint ranges (inclusive)
CREATE TABLE seq_range (
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  lo INTEGER NOT NULL,
  hi INTEGER NOT NULL,
  PRIMARY KEY (site, kiosk, lo)
);

CREATE TABLE alarm (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  raised_ms INTEGER NOT NULL,
  acked_ms INTEGER,
  cleared_ms INTEGER,
  count INTEGER NOT NULL DEFAULT 1,
  message TEXT NOT NULL,
  note TEXT,
  acked_by TEXT
);
CREATE UNIQUE INDEX alarm_one_open ON alarm (site, kiosk, kind) WHERE state <> 'cleared';
CREATE INDEX alarm_by_state ON alarm (state, id);

CREATE TABLE account (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);

CREATE TABLE api_token (
  token_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);

CREATE TABLE command (
  id TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  name TEXT NOT NULL,
  sent_ms INTEGER NOT NULL,
  result TEXT,
  result_ms INTEGER
);

CREATE TABLE centre_secret (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
