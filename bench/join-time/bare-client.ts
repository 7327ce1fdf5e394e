// The bare page of bench/join-time, bundled with esbuild when the bench starts: mediasoup-client
// and socket.io-client, nothing else. `?role=publish` sends the fake camera; `?role=consume`
// receives it and marks `bare:first-frame` when the first remote frame is painted, the same
// end event as Balai's `balai:media:first-frame` (requestVideoFrameCallback on the <video>).
import { Device, type types } from 'mediasoup-client';
import { io } from 'socket.io-client';

type Answer<T> = { ok: true; data: T } | { ok: false; error: string };

const socket = io({ transports: ['websocket'] });

async function ask<T>(name: string, payload: unknown = {}): Promise<T> {
  const answer = (await socket.timeout(10_000).emitWithAck(name, payload)) as Answer<T>;
  if (!answer.ok) throw new Error(`${name}: ${answer.error}`);
  return answer.data;
}

function wire(transport: types.Transport) {
  transport.on('connect', ({ dtlsParameters }, done, fail) => {
    ask('transport:connect', { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
  });
}

async function publish(device: Device) {
  const transport = device.createSendTransport(await ask<types.TransportOptions>('transport'));
  wire(transport);
  transport.on('produce', ({ kind, rtpParameters }, done, fail) => {
    ask<{ id: string }>('produce', { transportId: transport.id, kind, rtpParameters }).then(done, fail);
  });
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  await transport.produce({ track: stream.getVideoTracks()[0]! });
  document.body.dataset.state = 'publishing';
}

async function consume(device: Device) {
  const transport = device.createRecvTransport(await ask<types.TransportOptions>('transport'));
  wire(transport);
  const options = await ask<types.ConsumerOptions>('consume', { transportId: transport.id, rtpCapabilities: device.rtpCapabilities });
  const consumer = await transport.consume(options);
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  document.body.append(video);
  video.srcObject = new MediaStream([consumer.track]);
  video.requestVideoFrameCallback(() => performance.mark('bare:first-frame'));
  void video.play().catch(() => undefined); // Muted autoplay is allowed; a refusal shows in the bench's timeout.
  await ask('resume', { consumerId: consumer.id });
}

async function main() {
  const device = new Device();
  await device.load({ routerRtpCapabilities: await ask<types.RtpCapabilities>('capabilities') });
  if (new URLSearchParams(location.search).get('role') === 'publish') await publish(device);
  else await consume(device);
}

main().catch((err: unknown) => {
  document.body.dataset.error = String(err);
});
