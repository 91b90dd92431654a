// An organization's phone as a tap-to-call link: "Телефон: …" or, with a name, "УК «…»: …".
import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PhoneLine({ phone, name }: { phone: string; name?: string }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {name ?? t('registration.phone')}:{' '}
      <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`} inherit fw={600} style={{ whiteSpace: 'nowrap' }}>
        {phone}
      </Anchor>
    </Text>
  );
}
