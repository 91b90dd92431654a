// The required consent to the personal data policy (152-ФЗ), with the policy opening in a new tab
// so the form being filled in is not lost. Used by registration and by invitations.
import { Anchor, Checkbox, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function ConsentCheckbox(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox
      label={t('registration.credentials.consent')}
      description={
        <Anchor component={Link} to="/privacy" target="_blank" rel="noopener" size="sm">
          {t('registration.credentials.consentPolicy')}
          <VisuallyHidden component="span">
            {' '}
            {t('registration.credentials.consentOpensNewTab')}
          </VisuallyHidden>
        </Anchor>
      }
      size="md"
      required
      checked={props.checked}
      onChange={(event) => props.onChange(event.currentTarget.checked)}
      error={props.error}
    />
  );
}
