// An organization's own rules, written by its administrators as plain text. Every piece goes to
// React as a text node — never through dangerouslySetInnerHTML — so markup in the text is shown as
// typed and cannot run: the public page is safe from what an administrator (or a stolen
// administrator session) writes there.
import { List, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { parseRulesText } from '../lib/rules-format.ts';

export function OrganizationRules({ text }: { text: string }) {
  const blocks = useMemo(() => parseRulesText(text), [text]);
  return (
    <Stack gap="md">
      {blocks.map((block, index) =>
        block.kind === 'paragraph' ? (
          // The blocks of one text never move, so their position is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are derived from the text, in order
          <Text key={index} lh={1.6} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {block.text}
          </Text>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are derived from the text, in order
          <List key={index} spacing={6} lh={1.6} style={{ overflowWrap: 'anywhere' }}>
            {block.items.map((item, itemIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items are derived from the text, in order
              <List.Item key={itemIndex}>{item}</List.Item>
            ))}
          </List>
        ),
      )}
    </Stack>
  );
}
