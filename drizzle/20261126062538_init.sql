CREATE TABLE "client_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"client_group_id" uuid NOT NULL,
	"staff_id" text NOT NULL,
	"last_mutation_id" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "components" (
	"serial" text PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"device_id" text NOT NULL,
	"model_id" text NOT NULL,
	"part" text NOT NULL,
	"customer_id" text,
	"purchased_on" date,
	"registered_at" timestamp with time zone,
	"replacements_used" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" text PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"phone" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"registered" boolean NOT NULL,
	"blacklisted" boolean DEFAULT false NOT NULL,
	"care_plus" jsonb,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_models" (
	"id" text NOT NULL,
	"market_code" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"gtins" jsonb NOT NULL,
	CONSTRAINT "device_models_market_code_id_pk" PRIMARY KEY("market_code","id")
);
--> statement-breakpoint
CREATE TABLE "markets" (
	"code" text PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"row_version" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mutation_results" (
	"client_id" uuid NOT NULL,
	"mutation_id" integer NOT NULL,
	"uuid" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"code" text,
	"message" text,
	"review_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mutation_results_client_id_mutation_id_pk" PRIMARY KEY("client_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "points_of_sale" (
	"id" text PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"city" text NOT NULL,
	"reduced_assortment" boolean DEFAULT false NOT NULL,
	"capabilities" jsonb NOT NULL,
	"models_sold" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rentals" (
	"id" text PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"customer_id" text NOT NULL,
	"pos_id" text NOT NULL,
	"model_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"returned_at" timestamp with time zone,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"code" text NOT NULL,
	"customer_id" text NOT NULL,
	"pos_id" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"items" jsonb NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"rule_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"subject" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"service_ids" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"type" text NOT NULL,
	"customer_id" text NOT NULL,
	"serial" text NOT NULL,
	"pos_id" text NOT NULL,
	"staff_id" text NOT NULL,
	"performed_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone,
	"status" text NOT NULL,
	"flagged_rules" jsonb NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"market_code" text NOT NULL,
	"pos_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock" (
	"id" text PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"pos_id" text NOT NULL,
	"sku" text NOT NULL,
	"label" text NOT NULL,
	"quantity" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_groups" ADD CONSTRAINT "client_groups_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_group" ON "clients" USING btree ("client_group_id");--> statement-breakpoint
CREATE INDEX "components_customer" ON "components" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "components_device" ON "components" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "components_market_version" ON "components" USING btree ("market_code","version");--> statement-breakpoint
CREATE INDEX "customers_market_version" ON "customers" USING btree ("market_code","version");--> statement-breakpoint
CREATE INDEX "device_models_market_version" ON "device_models" USING btree ("market_code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "mutation_results_uuid" ON "mutation_results" USING btree ("uuid");--> statement-breakpoint
CREATE INDEX "points_of_sale_market_version" ON "points_of_sale" USING btree ("market_code","version");--> statement-breakpoint
CREATE INDEX "rentals_customer" ON "rentals" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "rentals_market_version" ON "rentals" USING btree ("market_code","version");--> statement-breakpoint
CREATE INDEX "reservations_pos" ON "reservations" USING btree ("pos_id");--> statement-breakpoint
CREATE INDEX "reservations_customer" ON "reservations" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "reservations_market_version" ON "reservations" USING btree ("market_code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_open_dedupe" ON "review_items" USING btree ("dedupe_key") WHERE "review_items"."status" = 'open';--> statement-breakpoint
CREATE INDEX "review_items_market_status" ON "review_items" USING btree ("market_code","status");--> statement-breakpoint
CREATE INDEX "services_customer_type_performed" ON "services" USING btree ("customer_id","type","performed_at");--> statement-breakpoint
CREATE INDEX "services_market_version" ON "services" USING btree ("market_code","version");--> statement-breakpoint
CREATE INDEX "sessions_staff" ON "sessions" USING btree ("staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_username" ON "staff" USING btree ("username");--> statement-breakpoint
CREATE INDEX "stock_pos" ON "stock" USING btree ("pos_id");--> statement-breakpoint
CREATE INDEX "stock_market_version" ON "stock" USING btree ("market_code","version");