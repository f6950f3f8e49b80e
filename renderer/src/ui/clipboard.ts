// Copying text: the async clipboard where the page may use it (Electron, and browser mode on 127.0.0.1,
// a secure context), else the older execCommand way (a page served over plain http to another host).

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'clipboard-helper';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    if (!copied) throw new Error('The clipboard is not available here.');
  }
}
