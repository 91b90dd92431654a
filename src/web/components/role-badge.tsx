// A person's role on a personal account — owner, member or viewer — in the same colours everywhere.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type AccountRole = 'owner' | 'member' | 'viewer';

export const roleColors: Record<AccountRole, string> = { owner: 'indigo', member: 'teal', viewer: 'gray' };

export function RoleBadge({ role, size = 'sm' }: { role: AccountRole; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={roleColors[role]} size={size}>
      {t(`household.roles.${role}.name`)}
    </Badge>
  );
}
