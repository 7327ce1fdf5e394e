import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import type { RunningServer } from '../../server/app-server';
import { EMPTY_PLAN } from '../../lib/contracts/plans';
import { fontChain } from '../../lib/pdf/fonts';
import { PdfText, REPLACEMENT } from '../../lib/pdf/text';
import { badgeSheetPdf } from '../../lib/services/badges';
import { certificatePdf, type CertificateRow } from '../../lib/services/certificates';
import { renderPlansPdf, type PlanPdfLabels } from '../../lib/services/plan-pdf';
import { addMember, createEventWithSession, createUser, startTestServer } from '../fixtures/server';
import { pdfText } from '../fixtures/pdf-text';

/** Participants' names as they register them: Vietnamese, Thai, Polish, Russian — no letter may go missing. */
const NAMES = ['Nguyễn Thị Lan', 'Đặng Văn Hùng', 'Sỏm Phếng', 'สมชาย ใจดี', 'Łukasz Żółć', 'Иван Петров'];

const labels: PlanPdfLabels = {
  sections: { problem: 'Masalah', objectives: 'Tujuan', activities: 'Kegiatan', indicators: 'Indikator', partners: 'Mitra', resources: 'Sumber daya' },
  activity: { title: 'Kegiatan', start: 'Mulai', end: 'Selesai', responsible: 'Penanggung jawab' },
  empty: '(kosong)',
  heading: (p) => `Rencana aksi · ${p.ownerName}`,
  meta: (p) => `${p.ownerName} · versi ${p.version}`,
};

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('PDF text in every script the participants write', () => {
  it('prints the exact names on a certificate, and keeps it small', async () => {
    // The last one is long: it is set smaller rather than cut.
    for (const name of [...NAMES, 'Ni Made Ayu Kartika Sari Dewi Nguyễn Thị Ngọc Ánh']) {
      const cert: CertificateRow = {
        id: randomUUID(),
        code: 'ABCDE-23456',
        eventId: randomUUID(),
        userId: randomUUID(),
        participantName: name,
        eventTitle: 'Forum Regional — Lào Cai',
        percent: 90,
        minutes: 120,
        sessions: [{ title: `Pleno: ${name}`, startsAt: '2026-11-27T02:00:00.000Z', day: '2026-11-27', minutes: 120, where: 'hall' }],
        issuedAt: new Date('2026-11-28T00:00:00Z'),
      };
      const bytes = await certificatePdf(cert);
      const text = await pdfText(bytes);
      expect(text).toContain(name);
      expect(text).toContain('Forum Regional — Lào Cai');
      expect(text).toContain('Verification code: ABCDE-23456');
      expect(text).not.toContain(REPLACEMENT);
      // Subsets carry only the glyphs used: whole Noto faces would be hundreds of KB.
      expect(bytes.length).toBeLessThan(60_000);
    }
  });

  it('prints the names and plan text in the action plan export, wrapping mixed scripts', async () => {
    const long = `${NAMES.join(' ')} `.repeat(30);
    const bytes = await renderPlansPdf(
      NAMES.map((ownerName, i) => ({
        ownerName,
        country: 'VN',
        content: { ...EMPTY_PLAN, problem: long, partners: `Mitra: ${NAMES[(i + 1) % NAMES.length]}` },
        version: i + 1,
        updatedAt: new Date(),
      })),
      labels,
      'Rencana aksi',
    );
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(NAMES.length);
    const text = await pdfText(bytes);
    for (const name of NAMES) {
      expect(text).toContain(`Rencana aksi · ${name}`);
      expect(text).toContain(`Mitra: ${name}`);
    }
    expect(text).not.toContain(REPLACEMENT);
  });

  it('prints the names on the badge sheet', async () => {
    const organizer = await createUser('Olive Organizer');
    const { event } = await createEventWithSession(organizer);
    const names = [...NAMES, 'Nguyễn Thị Ngọc Ánh'];
    for (const name of names) await addMember(event.id, await createUser(name), 'participant', 'in_person', 'VN');
    const { pdf } = await badgeSheetPdf(organizer.id, event.id);
    const text = await pdfText(pdf);
    for (const name of names) expect(text).toContain(name);
  });

  it('measures mixed runs as drawn and shows a visible replacement only where no font has the glyph', async () => {
    const doc = await PDFDocument.create();
    const type = PdfText.for(doc);
    const runs = type.runs('Nguyễn สมชาย 中');
    // Latin and Vietnamese faces, then Thai, then the replacement for the CJK letter.
    expect(runs.map((r) => r.text).join('')).toBe(`Nguyễn สมชาย ${REPLACEMENT}`);
    expect(new Set(runs.map((r) => fontChain('regular')[r.face]!.name))).toEqual(
      new Set(['noto-sans-latin-400', 'noto-sans-vietnamese-400', 'noto-sans-thai-thai-400']),
    );
    const page = doc.addPage();
    const drawn = await type.draw(page, 'Łukasz Żółć สมชาย', { x: 10, y: 10, size: 12, weight: 'bold' });
    expect(drawn).toBeCloseTo(type.widthOf('Łukasz Żółć สมชาย', 12, 'bold'), 5);
    expect(type.widthOf('Nguyễn', 20)).toBeGreaterThan(type.widthOf('Nguyen', 20) * 0.9);
    const fitted = type.fit('สมชาย ใจดี '.repeat(20), 12, 100);
    expect(fitted.endsWith('…')).toBe(true);
    expect(type.widthOf(fitted, 12)).toBeLessThanOrEqual(100);
    expect(await pdfText(await doc.save())).toContain('Łukasz Żółć สมชาย');
  });
});
