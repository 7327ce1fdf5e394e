import { randomUUID } from 'node:crypto';
import { expect, test, newPerson, organizeMeeting } from './helpers';
import { expectGrowing, framesOf, heardOf, joinCall, openSessionOn, peerIdOf, requireSharedServices, startNode, stopNodes, type E2eNode } from './nodes';

/**
 * Two Balai nodes sharing the suite's PostgreSQL and a Redis, on the two ports
 * after E2E_PORT. Each person's browser talks to one node only, as a load
 * balancer with sticky sessions would have it.
 */
test.describe.configure({ timeout: 180_000 });

const PORT = Number(process.env.E2E_PORT ?? 3210);
const prefix = `balai-e2e-${randomUUID()}:`;
const nodes: E2eNode[] = [];

test.beforeAll(async () => {
  requireSharedServices('media-nodes.spec.ts');
  nodes.push(...(await Promise.all([startNode(PORT + 1, prefix), startNode(PORT + 2, prefix)])));
});
test.afterAll(async () => stopNodes(nodes));

test('two browsers on two different nodes in one meeting see and hear each other', async ({ browser }) => {
  const [one, two] = nodes;
  const ana = newPerson('Ana Other Node');
  const eventTitle = `Two nodes ${Date.now()}`;
  const sessionTitle = 'Meeting across nodes';
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ana }], baseURL: one!.url });
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await joinCall(org);
  const page = await openSessionOn(browser, two!.url, ana, eventTitle, sessionTitle);
  await joinCall(page);

  // Each sees the other's tile with live video; each camera is decoded on the other node's browser.
  for (const p of [org, page]) await expect(p.getByTestId('remote-tile').getByTestId('remote-video')).toBeVisible({ timeout: 30_000 });
  await expect(org.getByTestId('remote-tile').filter({ hasText: 'Ana Other Node' })).toBeVisible();
  await expect(page.getByTestId('remote-tile').filter({ hasText: 'Olga Organizer' })).toBeVisible();
  const orgPeer = await peerIdOf(org);
  const anaPeer = await peerIdOf(page);
  await expectGrowing(() => framesOf(page, orgPeer), 10, 'the organizer’s camera (node one) should be decoded on node two');
  await expectGrowing(() => framesOf(org, anaPeer), 10, 'Ana’s camera (node two) should be decoded on node one');
  await expectGrowing(() => heardOf(page, orgPeer), 20, 'the organizer’s microphone should be received on node two');
  await expectGrowing(() => heardOf(org, anaPeer), 20, 'Ana’s microphone should be received on node one');
});
