ALTER TABLE "mutation_results" ADD COLUMN "staff_id" text;--> statement-breakpoint
ALTER TABLE "mutation_results" ADD COLUMN "session_staff_id" text;--> statement-breakpoint
ALTER TABLE "mutation_results" ADD COLUMN "pos_id" text;--> statement-breakpoint
ALTER TABLE "mutation_results" ADD COLUMN "client_time" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "mutation_results_staff" ON "mutation_results" USING btree ("staff_id","created_at");