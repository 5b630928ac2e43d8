/**
 * Sends a chosen file to the main side in base64 chunks over `imports.upload`, the same way in
 * Electron and the browser harness. 512 KiB per chunk keeps each message under 1 MB. Each chunk
 * goes through `send` (the wizard's `imports.upload` mutation), so a lock or sign-out met halfway
 * is reported like any other call's (app/query.ts).
 */
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';

type Send = (input: ChannelInput<'imports.upload'>) => Promise<ChannelOutput<'imports.upload'>>;

const CHUNK = 512 * 1024;

function readBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(blob);
  });
}

export async function uploadFile(
  send: Send,
  file: File,
  onProgress: (sent: number, total: number) => void,
  cancelled: () => boolean,
): Promise<string | null> {
  let uploadId: string | undefined;
  let offset = 0;
  do {
    if (cancelled()) return null;
    const end = Math.min(file.size, offset + CHUNK);
    const chunk = await readBase64(file.slice(offset, end));
    const r = await send({
      ...(uploadId ? { uploadId } : {}),
      fileName: file.name,
      chunk,
      last: end >= file.size,
    });
    uploadId = r.uploadId;
    offset = end;
    onProgress(offset, file.size);
  } while (offset < file.size);
  return uploadId ?? null;
}
