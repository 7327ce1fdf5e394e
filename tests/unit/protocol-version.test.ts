import { describe, expect, it } from 'vitest';
import { contractFingerprint } from '@/lib/contracts/fingerprint';
import { CONTRACT_FINGERPRINT, PROTOCOL_VERSION, sentProtocol } from '@/lib/contracts/protocol';

describe('the realtime protocol version', () => {
  it('belongs to this contract: a change to any event needs a new PROTOCOL_VERSION (old tabs are then told to reload)', () => {
    const now = contractFingerprint();
    expect(
      now,
      `The realtime contract changed. Raise PROTOCOL_VERSION (now ${PROTOCOL_VERSION}) in lib/contracts/protocol.ts and set CONTRACT_FINGERPRINT to '${now}'.`,
    ).toBe(CONTRACT_FINGERPRINT);
  });

  it('is stable: computing it twice gives the same digest', () => {
    expect(contractFingerprint()).toBe(contractFingerprint());
  });

  it.each([
    [{ protocol: 3 }, 3],
    [{ protocol: '3' }, undefined],
    [{ protocol: 1.5 }, undefined],
    [{}, undefined],
    [undefined, undefined],
    [null, undefined],
  ])('reads the handshake auth %j as %s', (auth, expected) => {
    expect(sentProtocol(auth)).toBe(expected);
  });
});
