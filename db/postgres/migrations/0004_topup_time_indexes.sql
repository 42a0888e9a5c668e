CREATE INDEX "topups_created" ON "topups" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "topups_finalized" ON "topups" USING btree ("finalized_at");