// The steps of a card payment (created → paid at the bank → confirmed → credited → accepted by
// billing), each with the second it happened; steps still ahead say so instead of a time.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CheckMarkIcon } from '../../../components/icons.tsx';
import type { PaymentStep } from '../lib/payment-progress.ts';
import { formatStepTime } from '../lib/step-time.ts';
import classes from './payment-timeline.module.css';

export function PaymentTimeline({
  steps,
  labelledBy,
}: {
  steps: readonly PaymentStep[];
  labelledBy: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ol className={classes.list} aria-labelledby={labelledBy} data-testid="payment-timeline">
      {steps.map((step) => {
        const failed = step.kind === 'canceled';
        return (
          <li
            key={step.kind}
            className={classes.step}
            data-reached={step.at && !failed ? true : undefined}
            data-failed={failed ? true : undefined}
            data-step={step.kind}
          >
            <span className={classes.dot} aria-hidden>
              {failed ? <CrossMark /> : step.at && <CheckMarkIcon size={16} />}
            </span>
            <div className={classes.text}>
              <Text fw={step.at ? 600 : 500} c={step.at ? undefined : 'dimmed'}>
                {t(`cardPayment.steps.${step.kind}`)}
              </Text>
              <Text size="sm" c="dimmed" className="tabular">
                {step.at ? (
                  <time dateTime={step.at}>{formatStepTime(step.at, i18n.language)}</time>
                ) : (
                  t('cardPayment.stepAhead')
                )}
              </Text>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** A bare ✕ for the dot of a declined payment (the icon set's X comes inside a circle). */
function CrossMark() {
  return (
    <svg
      width={14}
      height={14}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={3}
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 6l12 12M18 6L6 18" />
    </svg>
  );
}
