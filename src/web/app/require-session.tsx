// Guards the signed-in pages: waits for /me, sends a visitor without a session to /login.
import { Box, Container, Skeleton, Stack } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { isApiError } from '../lib/api-client.ts';
import { SessionContext, useMe } from '../lib/session.ts';

export function RequireSession() {
  const me = useMe();
  const location = useLocation();

  if (me.isError) {
    if (isApiError(me.error) && me.error.code === 'UNAUTHENTICATED') {
      return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
    }
    return (
      <Container size="sm" py="xl" component="main">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
      </Container>
    );
  }
  if (!me.data) return <SessionSkeleton />;
  return (
    <SessionContext value={me.data}>
      <Outlet />
    </SessionContext>
  );
}

function SessionSkeleton() {
  return (
    <Box aria-busy="true">
      <Skeleton h={60} radius={0} />
      <Container size="lg" py="lg">
        <Stack gap="lg">
          <Skeleton h={32} w={180} />
          <Skeleton h={56} maw={560} />
          <Skeleton h={260} />
        </Stack>
      </Container>
    </Box>
  );
}
