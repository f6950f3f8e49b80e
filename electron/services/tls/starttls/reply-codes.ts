// Replies of the protocols that answer with a three-digit code, SMTP (RFC 5321 §4.2) and FTP (RFC 959
// §4.2): one line "250 text", or several, "250-text" … "250 text", the last with a space after the code.
import type { PlainConversation } from './conversation';

export interface CodedReply {
  readonly code: number;
  /** The text of each line, without its code. */
  readonly lines: readonly string[];
  /** The reply as the server sent it, for quoting. */
  readonly text: string;
}

/** Read one complete reply. FTP lets lines inside a multi-line reply go without a code; they are kept. */
export async function readCodedReply(conversation: PlainConversation): Promise<CodedReply> {
  let code: string | undefined;
  const lines = await conversation.readLines((line, index) => {
    if (index === 0) {
      code = /^(\d{3})[ -]/.exec(line)?.[1] ?? /^(\d{3})$/.exec(line)?.[1];
      return code === undefined || line.length === 3 || line[3] === ' ';
    }
    return line.startsWith(`${code} `) || line === code;
  });
  const first = lines[0] ?? '';
  if (code === undefined) throw conversation.refused(`the server did not answer as ${conversation.context.protocol} does: it sent ${quoteLine(first)}`);
  return { code: Number(code), lines: lines.map((line) => line.replace(/^\d{3}[ -]?/, '')), text: lines.join('\n') };
}

function quoteLine(line: string): string {
  return `"${line.replace(/[^\x20-\x7e]/g, '?').slice(0, 200)}"`;
}
