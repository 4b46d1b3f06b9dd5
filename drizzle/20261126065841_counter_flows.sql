CREATE TABLE "integrations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"market_code" text NOT NULL,
	"source" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "integrations_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "components" ADD COLUMN "purchase_country" text;--> statement-breakpoint
ALTER TABLE "components" ADD COLUMN "extended_warranty_until" date;--> statement-breakpoint
ALTER TABLE "components" ADD COLUMN "at_pos_id" text;--> statement-breakpoint
ALTER TABLE "components" ADD COLUMN "condition" text DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "marketing_consent" boolean;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "club_member" boolean;--> statement-breakpoint
ALTER TABLE "rentals" ADD COLUMN "contract" jsonb;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "source" text;--> statement-breakpoint
CREATE INDEX "components_at_pos" ON "components" USING btree ("at_pos_id");--> statement-breakpoint
CREATE INDEX "rentals_pos_status" ON "rentals" USING btree ("pos_id","status");