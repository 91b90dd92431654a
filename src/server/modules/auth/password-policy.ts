// Password rules: at least 10 characters, not one of the 10,000 most common passwords, not the
// e-mail. The list (common-passwords.txt) is the top of @zxcvbn-ts/language-common's dictionary
// (MIT), shipped as data so no download happens at run time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type PasswordProblem, quickPasswordProblems } from '../../../shared/api/registration.ts';
import { errors } from '../../errors.ts';
import { PROJECT_ROOT } from '../../project-root.ts';

let commonPasswords: Set<string> | null = null;

function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(path.join(PROJECT_ROOT, 'src/server/modules/auth/common-passwords.txt'), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return commonPasswords.has(password.toLowerCase());
}

export function passwordProblems(password: string, email: string): PasswordProblem[] {
  const problems = quickPasswordProblems(password, email);
  if (isCommon(password)) problems.push('common');
  return problems;
}

export function assertPasswordAcceptable(password: string, email: string): void {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) throw errors.passwordTooWeak(problems);
}
