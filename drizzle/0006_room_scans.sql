CREATE TABLE "room_scans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"venue_room" text NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"scanned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_scans_room_chk" CHECK (char_length("room_scans"."venue_room") between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "checkin_scans" ADD COLUMN "venue_room" text;--> statement-breakpoint
ALTER TABLE "room_scans" ADD CONSTRAINT "room_scans_scanned_by_users_id_fk" FOREIGN KEY ("scanned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_scans" ADD CONSTRAINT "room_scans_event_id_user_id_event_members_event_id_user_id_fk" FOREIGN KEY ("event_id","user_id") REFERENCES "public"."event_members"("event_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_scans_event_room_idx" ON "room_scans" USING btree ("event_id","venue_room","scanned_at");--> statement-breakpoint
CREATE INDEX "room_scans_person_idx" ON "room_scans" USING btree ("event_id","user_id","scanned_at");