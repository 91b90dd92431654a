// The plain-text format of an organization's payment rules: paragraphs separated by blank lines,
// lines starting with "- " as list items. Parsed into blocks that the page renders as text nodes —
// the text is never treated as HTML, so whatever markup it holds is shown as typed.

export type RulesBlock =
  /** One paragraph; its single line breaks are kept (the page shows them as line breaks). */
  { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

const LIST_MARKER = /^\s*- /;

/**
 * Splits the text into paragraphs and lists. Inside a paragraph group, a run of "- " lines is a
 * list; a following indented line continues the last item; any other line starts a paragraph again.
 */
export function parseRulesText(text: string): RulesBlock[] {
  const blocks: RulesBlock[] = [];
  const groups = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((group) => group.split('\n'));

  for (const lines of groups) {
    let paragraph: string[] = [];
    let list: string[] | null = null;
    const closeParagraph = () => {
      const joined = paragraph
        .map((line) => line.trim())
        .join('\n')
        .trim();
      if (joined) blocks.push({ kind: 'paragraph', text: joined });
      paragraph = [];
    };
    const closeList = () => {
      const items = (list ?? []).filter(Boolean);
      if (items.length > 0) blocks.push({ kind: 'list', items });
      list = null;
    };

    for (const line of lines) {
      if (LIST_MARKER.test(line)) {
        closeParagraph();
        list ??= [];
        list.push(line.replace(LIST_MARKER, '').trim());
      } else if (list && list.length > 0 && /^\s/.test(line) && line.trim()) {
        list[list.length - 1] = `${list[list.length - 1]} ${line.trim()}`.trim();
      } else {
        closeList();
        paragraph.push(line);
      }
    }
    closeParagraph();
    closeList();
  }
  return blocks;
}
