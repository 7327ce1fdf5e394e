/**
 * ISO 639-2 codes for the language tags of a recording's audio tracks. Balai's language codes are
 * BCP 47 (`en`, `id`, `pt-BR`); an MP4 track carries a three-letter ISO 639-2/T code, which players
 * show as the track's name. The table holds the ISO 639-1 languages an interpreted event is likely
 * to use (the region is dropped: a track is "Portuguese", not "Brazilian Portuguese"); a
 * three-letter code is passed on as it is, anything else is `und` (undetermined).
 */
const ISO_639_2: Readonly<Record<string, string>> = {
  af: 'afr', am: 'amh', ar: 'ara', az: 'aze', be: 'bel', bg: 'bul', bn: 'ben', bs: 'bos', ca: 'cat', cs: 'ces',
  cy: 'cym', da: 'dan', de: 'deu', el: 'ell', en: 'eng', es: 'spa', et: 'est', eu: 'eus', fa: 'fas', fi: 'fin',
  fil: 'fil', fr: 'fra', ga: 'gle', gl: 'glg', gu: 'guj', ha: 'hau', he: 'heb', hi: 'hin', hr: 'hrv', hu: 'hun',
  hy: 'hye', id: 'ind', ig: 'ibo', is: 'isl', it: 'ita', ja: 'jpn', jv: 'jav', ka: 'kat', kk: 'kaz', km: 'khm',
  kn: 'kan', ko: 'kor', ku: 'kur', ky: 'kir', lo: 'lao', lt: 'lit', lv: 'lav', mg: 'mlg', mi: 'mri', mk: 'mkd',
  ml: 'mal', mn: 'mon', mr: 'mar', ms: 'msa', mt: 'mlt', my: 'mya', ne: 'nep', nl: 'nld', no: 'nor', nb: 'nob',
  nn: 'nno', pa: 'pan', pl: 'pol', ps: 'pus', pt: 'por', ro: 'ron', ru: 'rus', rw: 'kin', si: 'sin', sk: 'slk',
  sl: 'slv', so: 'som', sq: 'sqi', sr: 'srp', su: 'sun', sv: 'swe', sw: 'swa', ta: 'tam', te: 'tel', tg: 'tgk',
  th: 'tha', tk: 'tuk', tl: 'tgl', tr: 'tur', uk: 'ukr', ur: 'urd', uz: 'uzb', vi: 'vie', xh: 'xho', yo: 'yor',
  zh: 'zho', zu: 'zul',
};

export function iso639_2(code: string | null | undefined): string {
  if (!code) return 'und';
  const primary = code.split('-')[0]!.toLowerCase();
  if (ISO_639_2[primary]) return ISO_639_2[primary];
  return /^[a-z]{3}$/.test(primary) ? primary : 'und';
}
