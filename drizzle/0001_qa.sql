CREATE TYPE "public"."qa_moderation" AS ENUM('pre', 'post');--> statement-breakpoint
CREATE TYPE "public"."qa_status" AS ENUM('pending', 'approved', 'rejected', 'answered', 'archived', 'withdrawn', 'merged');--> statement-breakpoint
CREATE TABLE "qa_mutations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"status" "qa_status" NOT NULL,
	"reject_reason" text,
	"starred" boolean DEFAULT false NOT NULL,
	"merged_into_id" uuid,
	"origin" "attendance_mode" NOT NULL,
	"country" text,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"rev" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "qa_questions_text_chk" CHECK (char_length("qa_questions"."text") between 1 and 500),
	CONSTRAINT "qa_questions_votes_chk" CHECK ("qa_questions"."vote_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "qa_session_state" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"moderation" "qa_moderation" DEFAULT 'post' NOT NULL,
	"highlighted_question_id" uuid,
	"rev" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_votes" (
	"question_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_votes_question_id_user_id_pk" PRIMARY KEY("question_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "qa_mutations" ADD CONSTRAINT "qa_mutations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_questions" ADD CONSTRAINT "qa_questions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_questions" ADD CONSTRAINT "qa_questions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_session_state" ADD CONSTRAINT "qa_session_state_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_votes" ADD CONSTRAINT "qa_votes_question_id_qa_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."qa_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_votes" ADD CONSTRAINT "qa_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qa_mutations_created_idx" ON "qa_mutations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "qa_questions_session_idx" ON "qa_questions" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "qa_votes_user_idx" ON "qa_votes" USING btree ("user_id");