CREATE TABLE "callback_repeats" (
	"reference_id" text NOT NULL,
	"charge_id" text NOT NULL,
	"event" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text NOT NULL,
	"count" integer NOT NULL,
	"first_at" timestamp (3) with time zone NOT NULL,
	"last_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "callback_repeats_reference_id_charge_id_event_status_pk" PRIMARY KEY("reference_id","charge_id","event","status")
);
--> statement-breakpoint
CREATE INDEX "callback_repeats_last" ON "callback_repeats" USING btree ("last_at");