/**
 * File and clipboard helpers of the page. The renderer never gets a file path: the user picks a file (its content
 * is read here and sent over the contract) or the browser saves a download where the user chooses.
 */

/** Reads a picked file as text. */
export function readFileText(file: File): Promise<string> {
  return file.text();
}

/** Reads a picked file as base64 (for .rdp files, which are usually UTF-16 and must reach main byte for byte). */
export async function readFileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/**
 * Offers a file as a download: the browser (or Electron's save dialog) asks where to save it. Text is saved as UTF-8;
 * bytes are saved as they are. The object URL is revoked right after, so nothing lingers.
 */
export function saveFile(fileName: string, content: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Copies text; falls back to a hidden text area where the async clipboard is not allowed. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Not allowed (no permission, or the document is not focused): use the selection-based fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('The clipboard is not available.');
}
