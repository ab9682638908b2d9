/** Which files count as evidence, recognised by their first bytes as well as their declared type. */

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const OOXML = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const starts = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

export const EVIDENCE_TYPES: Record<string, (bytes: Uint8Array) => boolean> = {
  'application/pdf': (b) => starts(b, ascii('%PDF-')),
  'image/png': (b) => starts(b, [0x89, 0x50, 0x4e, 0x47]),
  'image/jpeg': (b) => starts(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => starts(b, ascii('GIF8')),
  'image/webp': (b) => starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8),
  'text/plain': isUtf8,
  'text/csv': isUtf8,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => starts(b, OOXML),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => starts(b, OOXML),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': (b) => starts(b, OOXML),
  'application/msword': (b) => starts(b, OLE),
  'application/vnd.ms-excel': (b) => starts(b, OLE),
};
