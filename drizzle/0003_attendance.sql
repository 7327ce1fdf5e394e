CREATE TYPE "public"."registration_source" AS ENUM('invite', 'import', 'link', 'code');--> statement-breakpoint
CREATE TABLE "attendance_intervals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"connection_id" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "attendance_intervals_order_chk" CHECK ("attendance_intervals"."left_at" is null or "attendance_intervals"."left_at" >= "attendance_intervals"."joined_at")
);
--> statement-breakpoint
CREATE TABLE "attendance_settings" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"certificate_threshold" integer DEFAULT 75 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_settings_threshold_chk" CHECK ("attendance_settings"."certificate_threshold" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"participant_name" text NOT NULL,
	"event_title" text NOT NULL,
	"percent" integer NOT NULL,
	"minutes" integer NOT NULL,
	"sessions" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_code_unique" UNIQUE("code"),
	CONSTRAINT "certificates_member_uq" UNIQUE("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "checkin_scans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"helper_id" uuid,
	"outcome" text NOT NULL,
	"user_id" uuid,
	"other_event_title" text,
	"scanned_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"checked_in_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkins_person_day_uq" UNIQUE("event_id","user_id","day")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"send_error" text,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "invitations_member_uq" UNIQUE("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "member_details" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"registered_via" "registration_source" DEFAULT 'invite' NOT NULL,
	"accessibility_needs" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_details_event_id_user_id_pk" PRIMARY KEY("event_id","user_id"),
	CONSTRAINT "member_details_needs_chk" CHECK (char_length("member_details"."accessibility_needs") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "registration_links" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"capacity" integer NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"open" text DEFAULT 'open' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_links_token_unique" UNIQUE("token"),
	CONSTRAINT "registration_links_capacity_chk" CHECK ("registration_links"."capacity" between 1 and 100000)
);
--> statement-breakpoint
ALTER TABLE "attendance_intervals" ADD CONSTRAINT "attendance_intervals_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_intervals" ADD CONSTRAINT "attendance_intervals_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_intervals" ADD CONSTRAINT "attendance_intervals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_settings" ADD CONSTRAINT "attendance_settings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_scans" ADD CONSTRAINT "checkin_scans_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_scans" ADD CONSTRAINT "checkin_scans_helper_id_users_id_fk" FOREIGN KEY ("helper_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_scans" ADD CONSTRAINT "checkin_scans_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_event_id_user_id_event_members_event_id_user_id_fk" FOREIGN KEY ("event_id","user_id") REFERENCES "public"."event_members"("event_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_details" ADD CONSTRAINT "member_details_event_id_user_id_event_members_event_id_user_id_fk" FOREIGN KEY ("event_id","user_id") REFERENCES "public"."event_members"("event_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_links" ADD CONSTRAINT "registration_links_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_intervals_event_idx" ON "attendance_intervals" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "attendance_intervals_open_idx" ON "attendance_intervals" USING btree ("connection_id") WHERE "attendance_intervals"."left_at" is null;--> statement-breakpoint
CREATE INDEX "checkin_scans_event_idx" ON "checkin_scans" USING btree ("event_id","received_at");--> statement-breakpoint
CREATE INDEX "checkins_event_day_idx" ON "checkins" USING btree ("event_id","day");