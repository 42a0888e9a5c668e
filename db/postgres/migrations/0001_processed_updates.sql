CREATE TABLE "processed_updates" (
	"update_id" bigint PRIMARY KEY NOT NULL,
	"processed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "processed_updates_processed_at" ON "processed_updates" USING btree ("processed_at");