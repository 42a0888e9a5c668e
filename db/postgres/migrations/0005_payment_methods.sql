ALTER TABLE "topups" ALTER COLUMN "phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "pay_code" text;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "expires_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "prompt_message_id" integer;