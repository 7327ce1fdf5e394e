import { z } from 'zod';
import { notice, request } from './define';

export const PLAN_SECTIONS = ['problem', 'objectives', 'activities', 'indicators', 'partners', 'resources'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];
/** The free-text sections (activities is a table). */
export const PLAN_TEXT_SECTIONS = ['problem', 'objectives', 'indicators', 'partners', 'resources'] as const;
export type PlanTextSection = (typeof PLAN_TEXT_SECTIONS)[number];

const Month = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}$/, 'validation.month')]);
const LongText = z.string().max(10_000);

export const PlanActivitySchema = z
  .object({
    id: z.uuid(),
    title: z.string().max(300),
    start: Month,
    end: Month,
    responsible: z.string().max(200),
  })
  .refine((a) => !a.start || !a.end || a.end >= a.start, { message: 'validation.activityEnd', path: ['end'] });
export type PlanActivity = z.infer<typeof PlanActivitySchema>;

export const PlanContentSchema = z.object({
  problem: LongText,
  objectives: LongText,
  activities: z.array(PlanActivitySchema).max(50),
  indicators: LongText,
  partners: LongText,
  resources: LongText,
});
export type PlanContent = z.infer<typeof PlanContentSchema>;

export const EMPTY_PLAN: PlanContent = { problem: '', objectives: '', activities: [], indicators: '', partners: '', resources: '' };

/** An autosave: the client's revision id (idempotency) and the version its text was based on (conflict detection). */
export const SavePlanSchema = z.object({
  eventId: z.uuid(),
  revisionId: z.uuid(),
  baseVersion: z.number().int().min(0),
  content: PlanContentSchema,
});
export type SavePlan = z.infer<typeof SavePlanSchema>;

export type SavePlanResult =
  | { status: 'saved'; planId: string; version: number; savedAt: string }
  | { status: 'conflict'; planId: string; version: number; content: PlanContent; savedAt: string };

export const RestorePlanSchema = z.object({ planId: z.uuid(), version: z.number().int().min(1), revisionId: z.uuid() });

export const SharePlanSchema = z.object({
  planId: z.uuid(),
  withFacilitators: z.boolean(),
  withCohort: z.boolean(),
  userIds: z.array(z.uuid()).max(200),
});
export type SharePlan = z.infer<typeof SharePlanSchema>;

export const CommentSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  section: z.enum(PLAN_SECTIONS),
  body: z.string().trim().min(1, 'validation.writeComment').max(4000),
});
export type PlanCommentInput = z.infer<typeof CommentSchema>;

/** One comment as every reader of the plan sees it (the same for all: readers may all see every comment). */
export const PlanCommentViewSchema = z.object({
  id: z.string(),
  planId: z.string(),
  section: z.enum(PLAN_SECTIONS),
  body: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type PlanCommentView = z.infer<typeof PlanCommentViewSchema>;

export const WatchPlanSchema = z.object({ planId: z.uuid({ message: 'Not a valid plan id.' }) });

export const planClientEvents = {
  /**
   * Start (or, after a reconnect, resume) receiving a plan's new comments. Authorized from the database with the
   * same read rule as the plan pages; the ack carries every current comment, so a client that missed notices
   * while offline merges this list by comment id.
   */
  'plan:watch': request(WatchPlanSchema, z.object({ planId: z.string(), comments: z.array(PlanCommentViewSchema) })),
  'plan:unwatch': request(WatchPlanSchema, z.object({})),
  /** Post a comment; the client-generated id makes a retry post it once. Acked with the stored comment. */
  'plan:comment': request(CommentSchema, PlanCommentViewSchema),
};

export const planServerEvents = {
  /** A comment was committed on a plan this socket watches (sent again if its author retries: dedupe by id). */
  'plan:commented': notice(PlanCommentViewSchema),
};

/** Complete when every section has something in it. */
export function isPlanComplete(c: PlanContent): boolean {
  return PLAN_TEXT_SECTIONS.every((s) => c[s].trim().length > 0) && c.activities.some((a) => a.title.trim().length > 0);
}
