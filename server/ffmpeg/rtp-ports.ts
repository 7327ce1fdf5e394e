import dgram from 'node:dgram';

function bind(port: number): Promise<dgram.Socket | null> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.once('error', () => {
      s.close();
      resolve(null);
    });
    s.bind(port, '127.0.0.1', () => resolve(s));
  });
}

/**
 * An even local UDP port whose next port is free too (RTP and its RTCP, as FFmpeg's SDP input
 * expects). The ports are released before FFmpeg binds them; the OS hands out ephemeral ports
 * in a rotating order, so the gap is not a practical race.
 */
export async function freeRtpPortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await bind(0);
    if (!probe) continue;
    const base = probe.address().port & ~1;
    probe.close();
    const [a, b] = await Promise.all([bind(base), bind(base + 1)]);
    a?.close();
    b?.close();
    if (a && b) return base;
  }
  throw new Error('no free UDP port pair for RTP');
}
