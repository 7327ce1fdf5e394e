import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test, newPerson, organizeMeeting } from './helpers';
import { expectGrowing, framesOf, joinCall, openSessionOn, peerIdOf, requireSharedServices, startNode, stats, stopNodes, type E2eNode } from './nodes';
import { startStickyBalancer, STICKY_COOKIE, type Balancer } from './sticky-balancer';

/**
 * A node's death as people see it: two browsers in one meeting behind a load
 * balancer that is sticky by cookie (tests/e2e/sticky-balancer.ts), each on
 * its own node. The node of the first is killed (SIGKILL: no drain, no
 * goodbye); its browser reconnects through the balancer to the other node and
 * gets its media back without a reload, and the second browser is left with
 * no ghost of the connection that died.
 */
test.describe.configure({ timeout: 240_000 });

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BALANCER_PORT = PORT + 10;
const prefix = `balai-e2e-death-${randomUUID()}:`;
const nodes: E2eNode[] = [];
let balancer: Balancer;

test.beforeAll(async () => {
  requireSharedServices('media-node-death.spec.ts');
  const publicUrl = `http://localhost:${BALANCER_PORT}`;
  // The default node timeout (6 s): a shorter one lets a busy machine's first page renders pass for a death.
  nodes.push(...(await Promise.all([startNode(PORT + 1, prefix, {}, publicUrl), startNode(PORT + 2, prefix, {}, publicUrl)])));
  balancer = await startStickyBalancer(
    BALANCER_PORT,
    nodes.map((n) => n.url),
  );
});
test.afterAll(async () => {
  await balancer?.close();
  await stopNodes(nodes);
});

/** The node (index) the balancer pinned this browser to. */
async function nodeOf(page: Page): Promise<number> {
  const cookie = (await page.context().cookies(balancer.url)).find((c) => c.name === STICKY_COOKIE);
  expect(cookie, 'the balancer pins every browser to a node with its cookie').toBeDefined();
  return Number(cookie!.value);
}

test('a node dies under a meeting: its browser reconnects through the balancer to the other node and gets media back without a reload; the other browser keeps no ghost', async ({ browser }) => {
  const ana = newPerson('Ana Survivor');
  const eventTitle = `Node death ${Date.now()}`;
  const sessionTitle = 'Meeting that loses a node';
  // New browsers are spread over the nodes in turn: the organizer lands on one, Ana on the other.
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ana }], baseURL: balancer.url });
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await joinCall(org);
  const page = await openSessionOn(browser, balancer.url, ana, eventTitle, sessionTitle);
  await joinCall(page);
  const orgNode = await nodeOf(org);
  expect(await nodeOf(page), 'the two browsers should be on different nodes').not.toBe(orgNode);

  const oldOrgPeer = await peerIdOf(org);
  const anaPeer = await peerIdOf(page);
  await expectGrowing(() => framesOf(page, oldOrgPeer), 10, 'the organizer’s camera should be decoded by Ana across the nodes');
  await expectGrowing(() => framesOf(org, anaPeer), 10, 'Ana’s camera should be decoded by the organizer across the nodes');
  // Anything a reload would lose: it must still be there after the recovery.
  await org.evaluate(() => ((window as unknown as { beforeNodeDeath: boolean }).beforeNodeDeath = true));
  const urlBefore = org.url();

  const killedAt = Date.now();
  nodes[orgNode]!.child.kill('SIGKILL');

  // The organizer's room client re-joins on the surviving node (a new media peer), through the balancer.
  await expect.poll(() => peerIdOf(org), { timeout: 60_000, message: 'the organizer should re-join the call on the other node' }).not.toBe(oldOrgPeer);
  const newOrgPeer = await peerIdOf(org);
  await expect(org.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 60_000 });
  // Media flows both ways again: frames decoded grow on both sides.
  await Promise.all([
    expectGrowing(() => framesOf(page, newOrgPeer), 5, 'Ana should decode the organizer’s camera again', 60_000),
    expectGrowing(() => framesOf(org, anaPeer), 5, 'the organizer should decode Ana’s camera again', 60_000),
  ]);
  const recoveredMs = Date.now() - killedAt;
  console.log(`[node-death e2e] media back both ways ${recoveredMs} ms after the organizer’s node was killed (target < 10 s)`);

  expect(org.url()).toBe(urlBefore);
  expect(await org.evaluate(() => (window as unknown as { beforeNodeDeath?: boolean }).beforeNodeDeath)).toBe(true);

  // No ghost on Ana's screen: one tile for the organizer, and nothing received any more from the dead connection.
  await expect(page.getByTestId('remote-tile').filter({ hasText: 'Olga Organizer' })).toHaveCount(1, { timeout: 30_000 });
  await expect.poll(async () => (await stats(page)).filter((s) => s.peerId === oldOrgPeer).length, { timeout: 30_000 }).toBe(0);
  await expect(page.getByTestId('remote-tile')).toHaveCount(1);
  await expect(page.getByTestId('remote-tile').getByTestId('remote-video')).toBeVisible();
});
