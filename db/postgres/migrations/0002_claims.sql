ALTER TABLE "outbox" ADD COLUMN "claimed_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "claimed_until" timestamp (3) with time zone;