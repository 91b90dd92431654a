// The portal's default rules (rules-text.ts), shown when the organization has no text of its own.
import { Stack, Text, Title } from '@mantine/core';
import type { Locale } from '../../../../shared/api/auth.ts';
import { rulesText } from '../rules-text.ts';

export function DefaultRules({ locale }: { locale: Locale }) {
  return (
    <Stack gap="lg">
      {rulesText[locale].map((section) => (
        <Stack gap="xs" key={section.title} component="section">
          <Title order={2} fz={{ base: 18, sm: 20 }}>
            {section.title}
          </Title>
          {section.paragraphs.map((paragraph) => (
            <Text key={paragraph.slice(0, 40)} lh={1.6}>
              {paragraph}
            </Text>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
