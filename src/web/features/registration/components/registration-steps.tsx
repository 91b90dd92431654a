// Where the person is in the registration: four short bars with labels, the current one marked
// for screen readers with aria-current="step".
import { Box, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './registration-steps.module.css';

export const registrationSteps = ['organization', 'account', 'credentials', 'done'] as const;
export type RegistrationStep = (typeof registrationSteps)[number];

export function RegistrationSteps({ active }: { active: number }) {
  const { t } = useTranslation();
  return (
    <Box component="ol" aria-label={t('registration.stepsLabel')} className={classes.steps}>
      {registrationSteps.map((step, index) => {
        const state = index < active ? 'done' : index === active ? 'current' : 'next';
        return (
          <li
            key={step}
            className={classes.step}
            data-state={state}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className={classes.bar} aria-hidden />
            <Text component="span" size="xs" fw={state === 'current' ? 700 : 500} className={classes.label}>
              <span aria-hidden>{index + 1}. </span>
              {t(`registration.steps.${step}`)}
              {state === 'done' && (
                <VisuallyHidden component="span"> — {t('registration.stepDone')}</VisuallyHidden>
              )}
            </Text>
          </li>
        );
      })}
    </Box>
  );
}
