import { fileResponse } from './file-response';
import { objectKeyOf, objectResponse } from './object-storage';
import { fileOfKey } from './storage';

/**
 * A finished recording as an HTTP response with byte ranges, wherever it is stored: a file under
 * the data directory or an object in the configured bucket. Null for a key Balai did not write.
 */
export async function recordingFileResponse(storageKey: string, rangeHeader: string | null, opts: { filename: string; download: boolean }): Promise<Response | null> {
  if (objectKeyOf(storageKey)) return objectResponse(storageKey, rangeHeader, opts);
  const file = fileOfKey(storageKey);
  return file ? fileResponse(file, rangeHeader, opts) : null;
}
