-- Reports and cases (issue "reports"), projected from stored events inside the ingest transaction.
-- Day, week, month, hour and weekday are the rating's keys in centre.timezone, computed once when the
-- event is projected: the same text on SQLite and PostgreSQL, so reports agree to the count.
CREATE TABLE report_ratings (
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  seq INTEGER NOT NULL,
  rated_ms INTEGER NOT NULL,
  day TEXT NOT NULL,
  week TEXT NOT NULL,
  month TEXT NOT NULL,
  hour TEXT NOT NULL,
  weekday INTEGER NOT NULL,
  window_id TEXT NOT NULL,
  staff TEXT,
  ticket TEXT,
  score INTEGER NOT NULL,
  PRIMARY KEY (site, kiosk, seq)
);
CREATE INDEX report_ratings_by_day ON report_ratings(day, site, score);

-- the same ratings counted per day, kept in step by the projection (an upsert per rating and dimension),
-- so that a month of a city's ratings is a few thousand rows to sum: dim "window" (k1 = window), "staff"
-- (k1 = staff, '' when unknown) and "hour" (k1 = hour, k2 = ISO weekday); '' rather than NULL in the key,
-- since NULLs never conflict in a unique key
CREATE TABLE report_rating_counts (
  dim TEXT NOT NULL,
  day TEXT NOT NULL,
  week TEXT NOT NULL,
  month TEXT NOT NULL,
  site TEXT NOT NULL,
  k1 TEXT NOT NULL,
  k2 TEXT NOT NULL,
  score INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (dim, day, site, k1, k2, score)
);

-- one row per counted calling event: kind issued, called (first call; seconds = waitS), no_show,
-- completed (seconds = serviceS); category from the event or the ticket number's letter
CREATE TABLE report_queue (
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  category TEXT,
  window_id TEXT,
  seconds INTEGER,
  PRIMARY KEY (site, kiosk, seq)
);
CREATE INDEX report_queue_by_day ON report_queue(day, site, kind);

-- a window's paused time per day: one window.resumed split at midnight gives one row per day it spans
CREATE TABLE report_paused (
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  seq INTEGER NOT NULL,
  day TEXT NOT NULL,
  window_id TEXT NOT NULL,
  paused_s INTEGER NOT NULL,
  PRIMARY KEY (site, kiosk, seq, day)
);
CREATE INDEX report_paused_by_day ON report_paused(day, site);

-- one case per bad rating (score 1-2); state new, verified, rectified, revisited, closed or invalid
CREATE TABLE cases (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  seq INTEGER NOT NULL,
  window_id TEXT NOT NULL,
  staff TEXT,
  ticket TEXT,
  level TEXT NOT NULL,
  reasons TEXT NOT NULL,
  rated_ms INTEGER NOT NULL,
  rated_day TEXT NOT NULL,
  due TEXT NOT NULL,
  state TEXT NOT NULL,
  UNIQUE (site, kiosk, seq)
);
CREATE INDEX cases_by_state ON cases(state, due);
CREATE INDEX cases_by_day ON cases(rated_day);

CREATE TABLE case_steps (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  n INTEGER NOT NULL,
  step TEXT NOT NULL,
  user_name TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  note TEXT,
  resident_view TEXT,
  PRIMARY KEY (case_id, n)
);

-- the periodic reports written (daily, weekly, monthly): a period is written once
CREATE TABLE periodic_reports (
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  written_ms INTEGER NOT NULL,
  PRIMARY KEY (kind, period)
);
