/**
 * The FFmpeg command that composes the stage: the SDP's streams in order (main video, side video,
 * the sign-language interpreter's camera, the floor's sounds, then the live interpretation
 * channels) onto a 1280×720 canvas at 25 fps, encoded once as H.264 + AAC and written to every
 * output through the tee muxer (a fragmented MP4 segment, MPEG-TS to the stream-out relays, HLS).
 */

export interface LanguageTrack {
  /** ISO 639-2 code written into the track's language tag. */
  tag: string;
  /** Someone interprets into it now: its channel is an input. Otherwise the track is silence. */
  live: boolean;
}

export interface ComposeShape {
  main: boolean;
  side: boolean;
  audio: number;
  /** The sign-language interpreter's camera, overlaid in the bottom-right corner as viewers see it pinned. */
  sign?: boolean;
  /** One audio track per interpretation language after the floor's (the floor stays track 1). */
  languages?: LanguageTrack[];
  /** ISO 639-2 code of the floor's track (written when there are language tracks). */
  floorTag?: string;
  /** Captions burned in: drawtext re-reads `textFile` every frame, so lines change without a restart. */
  captions?: { textFile: string; fontFile: string } | null;
}

export const CANVAS = { width: 1280, height: 720, fps: 25 } as const;
const BACKGROUND = '0x111827';
/** The sign tile: the viewers' pin is a small 16:9 picture in the bottom-right corner. */
export const SIGN_TILE = { width: 320, height: 180, margin: 24 } as const;
export const CAPTION_STYLE = { fontSize: 34, bottom: 36 } as const;

/** Paths go into the filter graph unescaped; Balai chooses them, and this keeps it that way. */
function filterPath(p: string): string {
  if (!/^[\w/.-]+$/.test(p)) throw new Error(`unsafe path for the filter graph: ${p}`);
  return p;
}

/** Where the sign tile sits (the caption region stays left of it). */
export function signTileBox(): { x: number; y: number; width: number; height: number } {
  const { width: W, height: H } = CANVAS;
  return { x: W - SIGN_TILE.width - SIGN_TILE.margin, y: H - SIGN_TILE.height - SIGN_TILE.margin, width: SIGN_TILE.width, height: SIGN_TILE.height };
}

export function composeFilter(shape: ComposeShape): string {
  const { width: W, height: H, fps } = CANVAS;
  const parts: string[] = [];
  let index = 0;
  const live = (label: string, w: number, h: number) =>
    `[0:${index++}]setpts=PTS-STARTPTS,scale=${w}:${h}:force_original_aspect_ratio=decrease,setsar=1[${label}]`;
  if (!shape.main) {
    // Nobody sends video: the placeholder runs at wall-clock speed so the sound (or silence) keeps pace.
    parts.push(`color=c=${BACKGROUND}:s=${W}x${H}:r=${fps},realtime[stage]`);
  } else if (!shape.side) {
    parts.push(live('m', W, H));
    parts.push(`color=c=${BACKGROUND}:s=${W}x${H}:r=${fps}[base]`);
    parts.push(`[base][m]overlay=x=(W-w)/2:y=(H-h)/2:repeatlast=1[stage]`);
  } else {
    const mainW = Math.round((W * 3) / 4);
    const sideW = W - mainW;
    const sideH = Math.round((sideW * 3) / 4);
    parts.push(live('m', mainW, H));
    parts.push(live('s', sideW, sideH));
    parts.push(`color=c=${BACKGROUND}:s=${W}x${H}:r=${fps}[base]`);
    parts.push(`[base][m]overlay=x=(${mainW}-w)/2:y=(H-h)/2:repeatlast=1[b1]`);
    parts.push(`[b1][s]overlay=x=${mainW}+(${sideW}-w)/2:y=(H-h)/2:repeatlast=1[stage]`);
  }
  let picture = '[stage]';
  if (shape.sign) {
    const tile = signTileBox();
    // Anchored to the corner whatever the camera's shape, like the viewers' pin.
    parts.push(live('g', tile.width, tile.height));
    parts.push(`${picture}[g]overlay=x=${tile.x + tile.width}-w:y=${tile.y + tile.height}-h:repeatlast=1[signed]`);
    picture = '[signed]';
  }
  if (shape.captions) {
    // Centred on the free width left of the sign tile when there is one, so the two never overlap.
    const width = shape.sign ? signTileBox().x - SIGN_TILE.margin : W;
    parts.push(
      `${picture}drawtext=fontfile=${filterPath(shape.captions.fontFile)}:textfile=${filterPath(shape.captions.textFile)}:reload=1` +
        `:fontsize=${CAPTION_STYLE.fontSize}:fontcolor=white:line_spacing=6:box=1:boxcolor=black@0.7:boxborderw=10` +
        `:x=(${width}-text_w)/2:y=h-text_h-${CAPTION_STYLE.bottom}[captioned]`,
    );
    picture = '[captioned]';
  }
  parts.push(`${picture}format=yuv420p[v]`);

  const sounds = Array.from({ length: shape.audio }, () => `[0:${index++}]`);
  const hasInput = shape.main || shape.side || !!shape.sign || sounds.length > 0 || (shape.languages ?? []).some((l) => l.live);
  if (sounds.length === 0) parts.push('anullsrc=r=48000:cl=stereo,arealtime[a]');
  else if (sounds.length === 1) parts.push(`${sounds[0]}asetpts=PTS-STARTPTS,aresample=48000:async=1000[a]`);
  else {
    const pre = sounds.map((s, i) => `${s}asetpts=PTS-STARTPTS,aresample=48000:async=1000[a${i}]`);
    parts.push(...pre, `${sounds.map((_, i) => `[a${i}]`).join('')}amix=inputs=${sounds.length}:normalize=0:dropout_transition=0[a]`);
  }
  (shape.languages ?? []).forEach((track, i) => {
    if (track.live) parts.push(`[0:${index++}]asetpts=PTS-STARTPTS,aresample=48000:async=1000[l${i}]`);
    // A channel nobody speaks into sends no packets, and an input without frames would hold the
    // whole output back: silence keeps the track (and the file's track list) the same in every segment.
    // With real inputs FFmpeg paces it by timestamps; alone it needs the wall clock like the placeholder.
    else parts.push(`anullsrc=r=48000:cl=stereo${hasInput ? '' : ',arealtime'}[l${i}]`);
  });
  return parts.join(';');
}

/** One tee output; the caller escapes nothing because Balai chooses every path and URL it puts here. */
export const mp4Output = (path: string) => `[f=mp4:movflags=+frag_keyframe+empty_moov+default_base_moof:max_interleave_delta=1000000:onfail=ignore]${path}`;
export const tsOutput = (port: number) => `[f=mpegts:onfail=ignore]udp://127.0.0.1:${port}?pkt_size=1316`;

/** A tee output that takes only the picture and the floor (live streams carry one sound). */
export function floorOnly(output: string): string {
  return output.startsWith('[') ? `[select=\\'v:0,a:0\\':${output.slice(1)}` : `[select=\\'v:0,a:0\\']${output}`;
}

export function composeArgs(sdpPath: string, shape: ComposeShape, outputs: string[]): string[] {
  const languages = shape.languages ?? [];
  const hasInput = shape.main || shape.side || !!shape.sign || shape.audio > 0 || languages.some((l) => l.live);
  // No stream at all: no input; the filter makes the placeholder picture and silence itself.
  const input = hasInput
    ? // A bigger socket buffer per stream rides out a busy machine's pauses in reading (capped by net.core.rmem_max).
      ['-protocol_whitelist', 'file,udp,rtp', '-analyzeduration', '1500000', '-buffer_size', '2097152', '-i', sdpPath]
    : [];
  const tracks = languages.flatMap((_, i) => ['-map', `[l${i}]`]);
  const tags = languages.length ? ['-metadata:s:a:0', `language=${shape.floorTag ?? 'und'}`, ...languages.flatMap((l, i) => [`-metadata:s:a:${i + 1}`, `language=${l.tag}`])] : [];
  return [
    ...input,
    '-filter_complex', composeFilter(shape),
    '-map', '[v]', '-map', '[a]', ...tracks,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-r', String(CANVAS.fps), '-g', String(CANVAS.fps * 2), '-b:v', '2500k', '-maxrate', '3000k', '-bufsize', '6000k',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
    ...tags,
    '-flags', '+global_header',
    // Interleaving waits for every stream; a sound that stutters (a loaded machine drops RTP) must not
    // hold the picture back for FFmpeg's default 10 s, or a segment cut short keeps nothing.
    '-max_interleave_delta', '1000000',
    '-f', 'tee', outputs.join('|'),
  ];
}
