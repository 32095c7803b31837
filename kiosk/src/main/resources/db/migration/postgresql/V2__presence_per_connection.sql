-- A last will carries the time its connection was opened, earlier than that connection's "online".
-- Keeping the two latest online times tells the will of the current connection (accepted) from a late
-- one of an earlier connection (ignored). presence_changed_ms is the centre's clock when the state changed.
ALTER TABLE kiosk ADD COLUMN last_online_ms BIGINT;
ALTER TABLE kiosk ADD COLUMN prev_online_ms BIGINT;
ALTER TABLE kiosk ADD COLUMN presence_changed_ms BIGINT;
