import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { actionPlanComments, actionPlanRevisions, actionPlans, breakoutCohortMembers, breakoutCohorts } from '../../lib/db/schema';
import { EMPTY_PLAN, SavePlanSchema, type PlanContent } from '../../lib/contracts/plans';
import {
  addComment,
  completionByCountry,
  listAllPlans,
  listComments,
  listReadablePlans,
  listVersions,
  readablePlan,
  restoreVersion,
  savePlan,
  sharePlan,
} from '../../lib/services/plans';
import { renderPlansPdf } from '../../lib/services/plan-pdf';
import { addMember, createEventWithSession, createUser, startTestServer, type TestUser } from '../fixtures/server';
import { pdfText } from '../fixtures/pdf-text';

let server: RunningServer;
let eventId: string;
let organizer: TestUser, moderator: TestUser, owner: TestUser, peer: TestUser, cohortMate: TestUser, stranger: TestUser;

const content = (problem: string): PlanContent => ({ ...EMPTY_PLAN, problem });
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

beforeAll(async () => {
  server = await startTestServer();
  organizer = await createUser('Organizer');
  ({
    event: { id: eventId },
  } = await createEventWithSession(organizer));
  moderator = await createUser('Moderator');
  owner = await createUser('Owner');
  peer = await createUser('Peer');
  cohortMate = await createUser('Cohort Mate');
  stranger = await createUser('Stranger');
  await addMember(eventId, moderator, 'moderator', 'in_person', 'PH');
  await addMember(eventId, owner, 'participant', 'remote', 'NP');
  await addMember(eventId, peer, 'participant', 'remote', 'VN');
  await addMember(eventId, cohortMate, 'participant', 'in_person', 'ID');
});
afterAll(async () => {
  await server.close();
});

async function ownerPlan() {
  const d = await db();
  const [row] = await d.select().from(actionPlans).where(eq(actionPlans.ownerId, owner.id));
  return row!;
}

describe('autosave', () => {
  it('rejects a malformed save before it reaches the service', () => {
    expect(SavePlanSchema.safeParse({ eventId, revisionId: 'x', baseVersion: 0, content: EMPTY_PLAN }).success).toBe(false);
    expect(SavePlanSchema.safeParse({ eventId, revisionId: randomUUID(), baseVersion: -1, content: EMPTY_PLAN }).success).toBe(false);
    expect(
      SavePlanSchema.safeParse({
        eventId,
        revisionId: randomUUID(),
        baseVersion: 0,
        content: { ...EMPTY_PLAN, activities: [{ id: randomUUID(), title: 'x', start: '2027-05', end: '2027-01', responsible: '' }] },
      }).success,
    ).toBe(false);
  });

  it('creates the plan, applies a retried revision once, and refuses a save based on an old version', async () => {
    const first = { eventId, revisionId: randomUUID(), baseVersion: 0, content: content('Access to credit') };
    const saved = await savePlan(owner.id, first);
    expect(saved).toMatchObject({ status: 'saved', version: 1 });
    // The same revision again (the answer was lost and the browser retried): same result, nothing applied twice.
    expect(await savePlan(owner.id, first)).toMatchObject({ status: 'saved', version: 1, planId: saved.planId });

    const tabA = await savePlan(owner.id, { eventId, revisionId: randomUUID(), baseVersion: 1, content: content('Tab A text') });
    expect(tabA).toMatchObject({ status: 'saved', version: 2 });
    // Tab B still thinks version 1 is current: its text must not silently replace tab A's.
    const tabB = await savePlan(owner.id, { eventId, revisionId: randomUUID(), baseVersion: 1, content: content('Tab B text') });
    expect(tabB).toMatchObject({ status: 'conflict', version: 2, content: { problem: 'Tab A text' } });
    expect((await ownerPlan()).content.problem).toBe('Tab A text');
    // A second "create" from another tab is a conflict too, not a second plan.
    const again = await savePlan(owner.id, { eventId, revisionId: randomUUID(), baseVersion: 0, content: content('New tab') });
    expect(again.status).toBe('conflict');

    const d = await db();
    const revisions = await d.select().from(actionPlanRevisions).where(eq(actionPlanRevisions.planId, saved.planId));
    expect(revisions.map((r) => r.version).sort()).toEqual([1, 2]);
  });

  it('refuses people who are not members of the event, and does not let them reuse a revision id', async () => {
    expect(await code(savePlan(stranger.id, { eventId, revisionId: randomUUID(), baseVersion: 0, content: content('x') }))).toBe('forbidden');
    const d = await db();
    const [rev] = await d.select().from(actionPlanRevisions).limit(1);
    // Another member replaying someone else's revision id gets no hint of it (and the unique key keeps the row).
    expect(await code(savePlan(peer.id, { eventId, revisionId: rev!.id, baseVersion: 0, content: content('peer') }))).toBe('conflict');
    expect((await ownerPlan()).content.problem).toBe('Tab A text');
  });
});

describe('who can read and comment', () => {
  it('keeps an unshared plan private to its owner and the organizers', async () => {
    const plan = await ownerPlan();
    expect(await code(readablePlan(peer.id, plan.id))).toBe('not_found');
    expect(await code(readablePlan(moderator.id, plan.id))).toBe('not_found');
    expect(await code(readablePlan(stranger.id, plan.id))).toBe('not_found');
    expect(await code(readablePlan(organizer.id, plan.id))).toBe('ok');
    expect(await code(addComment(peer.id, { id: randomUUID(), planId: plan.id, section: 'problem', body: 'sneaky' }))).toBe('not_found');
    expect(await listReadablePlans(peer.id, eventId)).toHaveLength(0);
    expect(await listReadablePlans(moderator.id, eventId)).toHaveLength(0);
    expect((await listReadablePlans(organizer.id, eventId)).map((r) => r.plan.id)).toEqual([plan.id]);
    const d = await db();
    expect(await d.select().from(actionPlanComments).where(eq(actionPlanComments.planId, plan.id))).toHaveLength(0);
  });

  it('shares with the facilitators and chosen members only; others still cannot read', async () => {
    const plan = await ownerPlan();
    expect(await code(sharePlan(peer.id, { planId: plan.id, withFacilitators: true, withCohort: false, userIds: [peer.id] }))).toBe('not_found');
    expect(await code(sharePlan(owner.id, { planId: plan.id, withFacilitators: true, withCohort: false, userIds: [stranger.id] }))).toBe(
      'invalid_payload',
    );
    expect((await ownerPlan()).sharedWithFacilitators).toBe(false);

    await sharePlan(owner.id, { planId: plan.id, withFacilitators: true, withCohort: false, userIds: [peer.id] });
    expect(await code(readablePlan(moderator.id, plan.id))).toBe('ok');
    expect(await code(readablePlan(peer.id, plan.id))).toBe('ok');
    expect(await code(readablePlan(cohortMate.id, plan.id))).toBe('not_found');
    expect((await listReadablePlans(peer.id, eventId)).map((r) => r.plan.id)).toEqual([plan.id]);
    expect(await listReadablePlans(cohortMate.id, eventId)).toHaveLength(0);

    const commentId = randomUUID();
    await addComment(moderator.id, { id: commentId, planId: plan.id, section: 'objectives', body: 'Make them measurable.' });
    // A retried comment (same id) is posted once.
    await addComment(moderator.id, { id: commentId, planId: plan.id, section: 'objectives', body: 'Make them measurable.' });
    await addComment(peer.id, { id: randomUUID(), planId: plan.id, section: 'problem', body: 'Same in Viet Nam.' });
    const comments = await listComments(owner.id, plan.id);
    expect(comments.map((c) => [c.section, c.authorName])).toEqual([
      ['objectives', 'Moderator'],
      ['problem', 'Peer'],
    ]);
    // Someone else cannot take over that comment id.
    expect(await code(addComment(peer.id, { id: commentId, planId: plan.id, section: 'problem', body: 'x' }))).toBe('conflict');
    expect(await code(listComments(cohortMate.id, plan.id))).toBe('not_found');

    // Unsharing takes the access away again.
    await sharePlan(owner.id, { planId: plan.id, withFacilitators: false, withCohort: false, userIds: [] });
    expect(await code(readablePlan(moderator.id, plan.id))).toBe('not_found');
    expect(await code(readablePlan(peer.id, plan.id))).toBe('not_found');
  });

  it('shares with the members of the owner’s breakout cohort, read from the database at each access', async () => {
    const plan = await ownerPlan();
    const d = await db();
    const [cohort] = await d.insert(breakoutCohorts).values({ eventId, name: 'South Asia table' }).returning();
    await d.insert(breakoutCohortMembers).values([
      { cohortId: cohort!.id, userId: owner.id },
      { cohortId: cohort!.id, userId: cohortMate.id },
    ]);
    await sharePlan(owner.id, { planId: plan.id, withFacilitators: false, withCohort: true, userIds: [] });
    expect(await code(readablePlan(cohortMate.id, plan.id))).toBe('ok');
    expect((await listReadablePlans(cohortMate.id, eventId)).map((r) => r.plan.id)).toEqual([plan.id]);
    expect(await code(readablePlan(peer.id, plan.id))).toBe('not_found');
    expect(await listReadablePlans(peer.id, eventId)).toHaveLength(0);
    // Moved out of the cohort: no longer a reader.
    await d.delete(breakoutCohortMembers).where(eq(breakoutCohortMembers.userId, cohortMate.id));
    expect(await code(readablePlan(cohortMate.id, plan.id))).toBe('not_found');
  });
});

describe('history', () => {
  it('lists versions to the owner, restores an old one as a new version, and refuses others', async () => {
    const plan = await ownerPlan();
    expect(await code(listVersions(peer.id, plan.id))).toBe('not_found');
    expect(await code(restoreVersion(organizer.id, plan.id, 1, randomUUID()))).toBe('forbidden');
    const versions = await listVersions(owner.id, plan.id);
    expect(versions[0]!.version).toBe(2);
    const restoreId = randomUUID();
    const restored = await restoreVersion(owner.id, plan.id, 1, restoreId);
    expect(restored).toMatchObject({ status: 'saved', version: 3 });
    expect(await restoreVersion(owner.id, plan.id, 1, restoreId)).toMatchObject({ status: 'saved', version: 3 });
    expect((await ownerPlan()).content.problem).toBe('Access to credit');
    expect((await listVersions(owner.id, plan.id))[0]).toMatchObject({ version: 3, restoredFrom: 1 });
  });
});

describe('organizers', () => {
  it('see completion by country and all plans; nobody else does', async () => {
    const full: PlanContent = {
      problem: 'p',
      objectives: 'o',
      activities: [{ id: randomUUID(), title: 'Train 40 women', start: '2027-01', end: '2027-06', responsible: 'Ministry' }],
      indicators: 'i',
      partners: 'pa',
      resources: 'r',
    };
    await savePlan(peer.id, { eventId, revisionId: randomUUID(), baseVersion: 0, content: full });
    expect(await code(completionByCountry(moderator.id, eventId))).toBe('forbidden');
    expect(await code(completionByCountry(peer.id, eventId))).toBe('forbidden');
    expect(await code(listAllPlans(peer.id, eventId))).toBe('forbidden');
    const rows = await completionByCountry(organizer.id, eventId);
    expect(rows).toEqual([
      { country: 'ID', participants: 1, started: 0, complete: 0 },
      { country: 'NP', participants: 1, started: 1, complete: 0 },
      { country: 'VN', participants: 1, started: 1, complete: 1 },
    ]);
    expect((await listAllPlans(organizer.id, eventId)).map((r) => r.country)).toEqual(['NP', 'VN']);
  });
});

describe('PDF', () => {
  it('renders Latin, Devanagari, Thai and Lao text as typed and wraps long text over pages', async () => {
    const labels = {
      sections: { problem: 'Problem', objectives: 'Objectives', activities: 'Activities', indicators: 'Indicators', partners: 'Partners', resources: 'Resources' },
      activity: { title: 'Activity', start: 'Start', end: 'End', responsible: 'Responsible' },
      empty: '(empty)',
      heading: () => 'Action plan · नेपाल',
      meta: () => 'meta',
    };
    const long = 'Pemberdayaan perempuan pengusaha '.repeat(400) + 'x'.repeat(500);
    const bytes = await renderPlansPdf(
      [{ ownerName: 'सीता', country: 'NP', content: { ...EMPTY_PLAN, problem: long, partners: 'ສປປ ລາວ', resources: 'Kopi “bagus” – café ไทย' }, version: 3, updatedAt: new Date() }],
      labels,
      'Plans',
    );
    const loaded = await PDFDocument.load(bytes);
    expect(loaded.getPageCount()).toBeGreaterThan(1);
    const text = await pdfText(bytes);
    expect(text).toContain('Action plan · नेपाल');
    expect(text).toContain('ສປປ ລາວ');
    expect(text).toContain('Kopi “bagus” – café ไทย');
  });
});
