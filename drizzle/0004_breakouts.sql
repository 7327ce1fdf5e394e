CREATE TYPE "public"."breakout_mode" AS ENUM('manual', 'random', 'balanced', 'self_select');--> statement-breakpoint
CREATE TYPE "public"."breakout_status" AS ENUM('open', 'closing', 'closed');--> statement-breakpoint
CREATE TABLE "breakout_assignments" (
	"run_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"assigned_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "breakout_assignments_run_id_user_id_pk" PRIMARY KEY("run_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "breakout_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"visitor" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "breakout_attendance_interval_chk" CHECK ("breakout_attendance"."left_at" is null or "breakout_attendance"."left_at" >= "breakout_attendance"."joined_at")
);
--> statement-breakpoint
CREATE TABLE "breakout_cohort_members" (
	"cohort_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "breakout_cohort_members_cohort_id_user_id_pk" PRIMARY KEY("cohort_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "breakout_cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"notes_rev" integer DEFAULT 0 NOT NULL,
	"notes_updated_at" timestamp with time zone,
	"notes_updated_by" uuid,
	"in_hall_table" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "breakout_help_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid
);
--> statement-breakpoint
CREATE TABLE "breakout_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "breakout_messages_clientId_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "breakout_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"cohort_id" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"notes_rev" integer DEFAULT 0 NOT NULL,
	"in_hall_table" boolean DEFAULT false NOT NULL,
	"capacity" integer,
	CONSTRAINT "breakout_rooms_capacity_chk" CHECK ("breakout_rooms"."capacity" is null or "breakout_rooms"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "breakout_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"mode" "breakout_mode" NOT NULL,
	"seed" text NOT NULL,
	"status" "breakout_status" DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"return_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_broadcast" text,
	"last_broadcast_at" timestamp with time zone,
	"rev" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "breakout_assignments" ADD CONSTRAINT "breakout_assignments_run_id_breakout_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."breakout_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_assignments" ADD CONSTRAINT "breakout_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_assignments" ADD CONSTRAINT "breakout_assignments_room_id_breakout_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."breakout_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_assignments" ADD CONSTRAINT "breakout_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_attendance" ADD CONSTRAINT "breakout_attendance_run_id_breakout_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."breakout_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_attendance" ADD CONSTRAINT "breakout_attendance_room_id_breakout_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."breakout_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_attendance" ADD CONSTRAINT "breakout_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_cohort_members" ADD CONSTRAINT "breakout_cohort_members_cohort_id_breakout_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."breakout_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_cohort_members" ADD CONSTRAINT "breakout_cohort_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_cohorts" ADD CONSTRAINT "breakout_cohorts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_cohorts" ADD CONSTRAINT "breakout_cohorts_notes_updated_by_users_id_fk" FOREIGN KEY ("notes_updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_help_requests" ADD CONSTRAINT "breakout_help_requests_run_id_breakout_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."breakout_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_help_requests" ADD CONSTRAINT "breakout_help_requests_room_id_breakout_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."breakout_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_help_requests" ADD CONSTRAINT "breakout_help_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_help_requests" ADD CONSTRAINT "breakout_help_requests_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_messages" ADD CONSTRAINT "breakout_messages_room_id_breakout_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."breakout_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_messages" ADD CONSTRAINT "breakout_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_rooms" ADD CONSTRAINT "breakout_rooms_run_id_breakout_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."breakout_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_rooms" ADD CONSTRAINT "breakout_rooms_cohort_id_breakout_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."breakout_cohorts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_runs" ADD CONSTRAINT "breakout_runs_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_runs" ADD CONSTRAINT "breakout_runs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_runs" ADD CONSTRAINT "breakout_runs_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breakout_assignments_room_idx" ON "breakout_assignments" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "breakout_attendance_room_idx" ON "breakout_attendance" USING btree ("room_id","user_id");--> statement-breakpoint
CREATE INDEX "breakout_attendance_open_idx" ON "breakout_attendance" USING btree ("run_id") WHERE "breakout_attendance"."left_at" is null;--> statement-breakpoint
CREATE INDEX "breakout_cohort_members_user_idx" ON "breakout_cohort_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "breakout_cohorts_event_name_idx" ON "breakout_cohorts" USING btree ("event_id","name");--> statement-breakpoint
CREATE INDEX "breakout_help_run_idx" ON "breakout_help_requests" USING btree ("run_id","resolved_at");--> statement-breakpoint
CREATE INDEX "breakout_messages_room_idx" ON "breakout_messages" USING btree ("room_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "breakout_rooms_run_position_idx" ON "breakout_rooms" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "breakout_runs_session_idx" ON "breakout_runs" USING btree ("session_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "breakout_runs_one_active_idx" ON "breakout_runs" USING btree ("session_id") WHERE "breakout_runs"."status" <> 'closed';