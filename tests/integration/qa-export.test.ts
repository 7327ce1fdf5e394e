import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { exportQuestionsCsv } from '../../lib/services/qa-export';
import { send, startTestServer, type TestSocket } from '../fixtures/server';
import { ask, joinQa, mid, qaCast } from '../fixtures/qa';

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

describe('CSV export', () => {
  it('lists questions with status, votes, origin, country and timestamps; anonymous authors left out; formulas escaped', async () => {
    const cast = await qaCast();
    const [mod, hall, online] = await Promise.all([cast.moderator, cast.hall, cast.online].map((u) => joinQa(server, u, cast.sessionId)));
    open.push(mod!.socket, hall!.socket, online!.socket);
    const q1 = await ask(hall!.socket, cast.sessionId, 'From the hall, with "quotes", commas');
    const q2 = await ask(online!.socket, cast.sessionId, '=HYPERLINK("http://evil.example")', true);
    await send(online!.socket, 'qa:vote', { mutationId: mid(), questionId: q1.id, voted: true });
    await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: q2.id, action: { type: 'reject', reason: 'Spam' } });

    const { csv, filename } = await exportQuestionsCsv(cast.moderator.id, cast.sessionId);
    expect(filename).toMatch(/^questions-.*\.csv$/);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,text,status,votes,origin,country,author,anonymous,starred,reject_reason,merged_into,asked_at,updated_at,answered_at');
    const row1 = lines.find((l) => l.startsWith(q1.id))!;
    expect(row1).toContain('"From the hall, with ""quotes"", commas",approved,1,hall,ID,Hana Hall,no');
    const row2 = lines.find((l) => l.startsWith(q2.id))!;
    expect(row2).toContain(`"'=HYPERLINK(""http://evil.example"")",rejected,0,online,NP,,yes,no,Spam`);
    expect(csv).not.toContain('Omar Online');
    expect(row1).toMatch(/,\d{4}-\d{2}-\d{2}T[\d:.]+Z,\d{4}-\d{2}-\d{2}T[\d:.]+Z,$/);
  });

  it.each([['participant', 'online'], ['presenter', 'presenter'], ['outsider', 'outsider']] as const)('refuses a %s', async (_l, who) => {
    const cast = await qaCast();
    await expect(exportQuestionsCsv(cast[who].id, cast.sessionId)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
