CREATE TYPE "public"."poll_kind" AS ENUM('single', 'multiple', 'rating', 'open', 'word_cloud', 'ranking', 'quiz');--> statement-breakpoint
CREATE TYPE "public"."poll_results_visibility" AS ENUM('live', 'after_close');--> statement-breakpoint
CREATE TYPE "public"."poll_status" AS ENUM('draft', 'live', 'closed');--> statement-breakpoint
CREATE TABLE "display_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "poll_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"poll_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"single" boolean NOT NULL,
	"value" jsonb NOT NULL,
	"origin" "attendance_mode" NOT NULL,
	"country" text,
	"score" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" "poll_kind" NOT NULL,
	"question" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"multiple_answers" boolean DEFAULT false NOT NULL,
	"results_visibility" "poll_results_visibility" DEFAULT 'live' NOT NULL,
	"timer_seconds" integer,
	"status" "poll_status" DEFAULT 'draft' NOT NULL,
	"on_display" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"rev" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"launched_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "polls_question_chk" CHECK (char_length("polls"."question") between 1 and 300),
	CONSTRAINT "polls_scale_chk" CHECK ("polls"."scale_max" between 2 and 10)
);
--> statement-breakpoint
ALTER TABLE "display_links" ADD CONSTRAINT "display_links_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "display_links" ADD CONSTRAINT "display_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_responses" ADD CONSTRAINT "poll_responses_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_responses" ADD CONSTRAINT "poll_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "display_links_token_idx" ON "display_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "display_links_session_idx" ON "display_links" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "poll_responses_poll_idx" ON "poll_responses" USING btree ("poll_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_responses_one_per_person_idx" ON "poll_responses" USING btree ("poll_id","user_id") WHERE "poll_responses"."single";--> statement-breakpoint
CREATE INDEX "polls_session_idx" ON "polls" USING btree ("session_id","status");