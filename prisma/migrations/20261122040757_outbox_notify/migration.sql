-- Wake relays at once when outbox rows arrive (one notification per statement, not per row).
CREATE OR REPLACE FUNCTION tijarat_outbox_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('tijarat_outbox', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_event_notify
  AFTER INSERT ON outbox_event
  FOR EACH STATEMENT EXECUTE FUNCTION tijarat_outbox_notify();

-- Listings per product (for fan-out and the plan) and unprocessed outbox rows are the hot lookups.
CREATE INDEX outbox_event_unprocessed_idx ON outbox_event (id) WHERE processed_at IS NULL;
