-- Government parcels (issue 16, docs/parcels.md). parcel holds what every signed-in role may see (masked);
-- parcel_personal the resident's full name, phone, address and note, read only for the roles allowed to.
CREATE TABLE parcel (
  parcel_id TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  kiosk TEXT NOT NULL,
  number TEXT,
  matter TEXT,
  resident_masked TEXT,
  phone_masked TEXT,
  window_id TEXT,
  service_day TEXT,
  registered_ms BIGINT,
  state TEXT NOT NULL,
  worker TEXT,
  worker_name TEXT,
  handover_id TEXT,
  handed_over_ms BIGINT,
  rescheduled_to TEXT,
  outcome_ms BIGINT,
  outcome_by TEXT,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX parcel_by_state ON parcel (state, handed_over_ms);
CREATE INDEX parcel_by_worker ON parcel (worker, state);

CREATE TABLE parcel_personal (
  parcel_id TEXT PRIMARY KEY REFERENCES parcel (parcel_id),
  resident_name TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL,
  note TEXT
);

-- every door outcome, in order: delivered, rescheduled (with the new date), returned
CREATE TABLE parcel_step (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  parcel_id TEXT NOT NULL REFERENCES parcel (parcel_id),
  step TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  by_name TEXT NOT NULL,
  rescheduled_to TEXT,
  note TEXT
);
CREATE INDEX parcel_step_by_time ON parcel_step (at_ms);
