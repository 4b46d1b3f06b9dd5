CREATE TABLE "actor_keys" (
	"staff_id" text NOT NULL,
	"client_group_id" text NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "actor_keys_staff_id_client_group_id_pk" PRIMARY KEY("staff_id","client_group_id")
);
--> statement-breakpoint
ALTER TABLE "actor_keys" ADD CONSTRAINT "actor_keys_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;