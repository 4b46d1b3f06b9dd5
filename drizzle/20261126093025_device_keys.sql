CREATE TABLE "device_keys" (
	"client_group_id" text PRIMARY KEY NOT NULL,
	"market_code" text NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
