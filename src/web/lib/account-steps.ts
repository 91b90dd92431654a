// The organization and account steps, shared by the registration wizard and adding one more
// account to a signed-in user: their state, their checks and how a server refusal maps to them.
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import type { PublicOrganization } from '../../shared/api/registration.ts';
import { parseRubles } from '../../shared/money.ts';
import { retryMinutes } from './error-message.ts';

export interface AccountStepErrors {
  accountNumber?: string;
  proof?: string;
}

/** The search text and the organization picked from its results; new text drops the pick. */
export function useOrganizationChoice() {
  const [query, setQuery] = useState('');
  const [organization, setOrganization] = useState<PublicOrganization | null>(null);
  function changeQuery(value: string) {
    setQuery(value);
    setOrganization(null);
  }
  return { query, changeQuery, organization, setOrganization };
}

/** The account number and the proof as typed. */
export function useAccountFields() {
  const [accountNumber, setAccountNumber] = useState('');
  const [proof, setProof] = useState('');
  return { accountNumber, setAccountNumber, proof, setProof };
}

/** The account step's own checks before anything is sent. */
export function validateAccountStep(t: TFunction, accountNumber: string, proof: string): AccountStepErrors {
  const errors: AccountStepErrors = {};
  if (!accountNumber.trim()) errors.accountNumber = t('registration.account.numberRequired');
  if (!proof.trim()) errors.proof = t('registration.account.proofRequired');
  else if (parseRubles(proof) === null) errors.proof = t('registration.account.proofInvalid');
  return errors;
}

/** The server found the account number or the proof invalid: the texts next to those fields. */
export function accountFieldErrors(t: TFunction, fields: ReadonlySet<string>): AccountStepErrors {
  return {
    accountNumber: fields.has('accountNumber') ? t('registration.account.numberRequired') : undefined,
    proof: fields.has('proof') ? t('registration.account.proofInvalid') : undefined,
  };
}

/** TOO_MANY_ATTEMPTS at the account step, with the wait when the server named it. */
export function tooManyAttemptsText(t: TFunction, error: unknown): string {
  const minutes = retryMinutes(error);
  return minutes
    ? t('registration.errors.tooManyAttempts', { count: minutes })
    : t('errors.TOO_MANY_ATTEMPTS');
}

/**
 * Each step change (not the first render) moves the focus to the step's heading, so a screen
 * reader announces it and the page does not stay at the button that was pressed.
 */
export function useStepHeadingFocus(step: number, { focus = true, scrollToTop = false } = {}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each step change by design
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (focus) headingRef.current?.focus();
    if (scrollToTop) window.scrollTo({ top: 0 });
  }, [step]);
  return headingRef;
}
