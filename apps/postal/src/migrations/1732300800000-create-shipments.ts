import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateShipments1732300800000 implements MigrationInterface {
  name = 'CreateShipments1732300800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('dossier_pickup', 'result_delivery')),
        -- The order number: the dossier code (a collected dossier gets it when the agency receives it).
        dossier_code text,
        -- The agency that sends the result, or receives the dossier: officers see its shipments.
        agency_code text NOT NULL,
        carrier text NOT NULL,
        tracking_number text,
        state text NOT NULL CHECK (state IN ('awaiting_carrier', 'registered', 'collected', 'in_transit', 'failed_delivery', 'returning', 'delivered', 'returned_to_sender', 'cancelled')),
        state_at timestamptz NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        sender jsonb NOT NULL,
        receiver jsonb NOT NULL,
        parcel jsonb NOT NULL,
        postage_vnd integer CHECK (postage_vnd >= 0),
        cod_vnd integer NOT NULL CHECK (cod_vnd >= 0),
        -- Result deliveries: what is delivered. Pickups: the dossier as the postal worker took it.
        result jsonb,
        dossier jsonb,
        registered_by text NOT NULL,
        -- The carrier's latest applied event, so an older one never moves the shipment back.
        last_event_at timestamptz,
        last_event_sequence bigint,
        -- Real time of the last news from the carrier or of the last poll: the polling fallback.
        last_news_at timestamptz,
        -- The carrier order, written with the shipment and retried until accepted (a carrier outbox).
        order_attempts integer NOT NULL DEFAULT 0,
        order_next_attempt_at timestamptz,
        order_last_error text,
        handed_over_at timestamptz,
        received_by text,
        status_sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX shipments_tracking ON shipments (carrier, tracking_number) WHERE tracking_number IS NOT NULL`);
    // One delivery per result: a redelivered ResultReady creates nothing.
    await queryRunner.query(`CREATE UNIQUE INDEX shipments_result ON shipments (dossier_code) WHERE kind = 'result_delivery'`);
    await queryRunner.query(`CREATE INDEX shipments_dossier ON shipments (dossier_code) WHERE dossier_code IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX shipments_agency ON shipments (agency_code, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX shipments_list ON shipments (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX shipments_orders_due ON shipments (order_next_attempt_at) WHERE state = 'awaiting_carrier' AND order_next_attempt_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX shipments_tracked ON shipments (last_news_at)
        WHERE state IN ('registered', 'collected', 'in_transit', 'failed_delivery', 'returning')`);

    // The status history: every report kept, applied or not (out of order), append-only.
    await queryRunner.query(`
      CREATE TABLE shipment_events (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipments (id),
        carrier text NOT NULL,
        -- The carrier's id of the event: a repeated callback is recognised by it.
        carrier_event_id text,
        reported text NOT NULL,
        state_after text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'out_of_order')),
        at timestamptz NOT NULL,
        sequence bigint,
        source text NOT NULL CHECK (source IN ('carrier', 'poll', 'system', 'officer', 'operator')),
        actor text,
        reason_code text,
        reason text,
        location text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX shipment_events_carrier_event ON shipment_events (carrier, carrier_event_id) WHERE carrier_event_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX shipment_events_shipment ON shipment_events (shipment_id, at, id)`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_shipment_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the shipment history is append-only';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER shipment_events_append_only BEFORE UPDATE OR DELETE ON shipment_events FOR EACH ROW EXECUTE FUNCTION refuse_shipment_event_change()`);

    // The built-in simulated carrier's own book of orders (development and tests only): the
    // script of statuses each parcel goes through, and how far its callbacks have got.
    await queryRunner.query(`
      CREATE TABLE simulated_carrier_orders (
        tracking_number text PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        script jsonb NOT NULL,
        called_back integer NOT NULL DEFAULT 0,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE simulated_carrier_orders');
    await queryRunner.query('DROP TABLE shipment_events');
    await queryRunner.query('DROP FUNCTION refuse_shipment_event_change()');
    await queryRunner.query('DROP TABLE shipments');
  }
}
