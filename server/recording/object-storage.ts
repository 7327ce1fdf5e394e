import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { env } from '../../lib/env';

/**
 * Finished recordings in S3-compatible object storage (AWS S3, MinIO, Garage, Ceph, …) when
 * RECORDING_S3_BUCKET is set: uploaded in parts once joined, streamed back through Balai with byte
 * ranges (the same URL and access check as a file on disk, and no second origin for the page's
 * Content-Security-Policy), deleted from there. Storage keys are `s3:<object key>`.
 */

interface S3Setup {
  client: S3Client;
  bucket: string;
  prefix: string;
  signature: string;
}

let current: S3Setup | undefined;

/** The configured bucket, or null when recordings stay on disk. Rebuilt if the configuration changed (tests). */
export function objectStorage(): S3Setup | null {
  const e = env();
  if (!e.RECORDING_S3_BUCKET) return null;
  const signature = JSON.stringify([e.RECORDING_S3_ENDPOINT, e.RECORDING_S3_BUCKET, e.RECORDING_S3_REGION, e.RECORDING_S3_ACCESS_KEY_ID, e.RECORDING_S3_FORCE_PATH_STYLE, e.RECORDING_S3_PREFIX]);
  if (current?.signature === signature) return current;
  current?.client.destroy();
  current = {
    client: new S3Client({
      region: e.RECORDING_S3_REGION,
      ...(e.RECORDING_S3_ENDPOINT ? { endpoint: e.RECORDING_S3_ENDPOINT } : {}),
      forcePathStyle: e.RECORDING_S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: e.RECORDING_S3_ACCESS_KEY_ID!, secretAccessKey: e.RECORDING_S3_SECRET_ACCESS_KEY! },
    }),
    bucket: e.RECORDING_S3_BUCKET,
    prefix: e.RECORDING_S3_PREFIX.replace(/^\/+/, ''),
    signature,
  };
  return current;
}

const KEY_PATTERN = /^s3:([\w/.-]+\.mp4)$/;

/** The object key behind a storage key Balai wrote, or null for anything else. */
export function objectKeyOf(storageKey: string): string | null {
  const m = KEY_PATTERN.exec(storageKey);
  return m && !m[1]!.split('/').includes('..') ? m[1]! : null;
}

export function recordingObjectKey(sessionId: string, recordingId: string): string {
  const setup = objectStorage();
  return `${setup?.prefix ?? ''}recordings/${sessionId}/${recordingId}.mp4`;
}

/** Uploads a finished MP4 (multipart for large files); returns its storage key. */
export async function uploadRecording(file: string, sessionId: string, recordingId: string): Promise<string> {
  const setup = objectStorage();
  if (!setup) throw new Error('object storage is not configured');
  const key = recordingObjectKey(sessionId, recordingId);
  const upload = new Upload({
    client: setup.client,
    params: { Bucket: setup.bucket, Key: key, Body: createReadStream(file), ContentType: 'video/mp4' },
    // 8 MB parts, two at a time: a 1 GB recording is 128 parts without holding more than 16 MB in memory.
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  });
  await upload.done();
  return `s3:${key}`;
}

export async function deleteRecordingObject(storageKey: string): Promise<void> {
  const setup = objectStorage();
  const key = objectKeyOf(storageKey);
  if (!setup || !key) return;
  await setup.client.send(new DeleteObjectCommand({ Bucket: setup.bucket, Key: key }));
}

/** The object keys of a session's recordings in the bucket (for checks and clean-up). */
export async function listRecordingObjects(sessionId: string): Promise<string[]> {
  const setup = objectStorage();
  if (!setup) return [];
  const prefix = `${setup.prefix}recordings/${sessionId}/`;
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await setup.client.send(new ListObjectsV2Command({ Bucket: setup.bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** A recording object as an HTTP response, passing the browser's byte range on to the bucket. */
export async function objectResponse(storageKey: string, rangeHeader: string | null, opts: { filename: string; download: boolean }): Promise<Response> {
  const setup = objectStorage();
  const key = objectKeyOf(storageKey);
  if (!setup || !key) return new Response(null, { status: 404 });
  // One plain range only, as for files on disk; the bucket answers 416 when it cannot be satisfied.
  const range = rangeHeader?.trim();
  if (range && !/^bytes=(\d+-\d*|-\d+)$/.test(range)) return new Response(null, { status: 416 });
  try {
    const got = await setup.client.send(new GetObjectCommand({ Bucket: setup.bucket, Key: key, ...(range ? { Range: range } : {}) }));
    const headers: Record<string, string> = {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-store',
      'content-disposition': `${opts.download ? 'attachment' : 'inline'}; filename="${opts.filename}"`,
    };
    if (got.ContentLength !== undefined) headers['content-length'] = String(got.ContentLength);
    if (got.ContentRange) headers['content-range'] = got.ContentRange;
    const body = got.Body ? (Readable.toWeb(got.Body as Readable) as ReadableStream<Uint8Array>) : null;
    return new Response(body, { status: got.ContentRange ? 206 : 200, headers });
  } catch (err) {
    if (err instanceof S3ServiceException) {
      const status = err.$metadata.httpStatusCode;
      if (status === 416 || err.name === 'InvalidRange') return new Response(null, { status: 416 });
      if (status === 404 || err.name === 'NoSuchKey') return new Response(null, { status: 404 });
    }
    throw err;
  }
}
