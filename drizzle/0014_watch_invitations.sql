CREATE TABLE "watch_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"invited_by" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "watch_invitations_clientId_unique" UNIQUE("client_id")
);
--> statement-breakpoint
ALTER TABLE "watch_invitations" ADD CONSTRAINT "watch_invitations_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_invitations" ADD CONSTRAINT "watch_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_invitations" ADD CONSTRAINT "watch_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watch_invitations_session_idx" ON "watch_invitations" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "watch_invitations_pending_uq" ON "watch_invitations" USING btree ("session_id","user_id") WHERE "watch_invitations"."status" = 'pending';