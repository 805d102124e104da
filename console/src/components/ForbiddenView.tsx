import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';

/** Shown instead of a page the viewer may not open; nothing of the page's data is fetched or shown. */
export function ForbiddenView({ message = 'You do not have access to this page.' }: { message?: string }) {
  return (
    <Stack align="center" gap="sm" py={64} data-testid="forbidden-view">
      <ThemeIcon size={56} radius="xl" variant="light" color="red">
        <IconLock size={28} />
      </ThemeIcon>
      <Title order={2}>403 — No access</Title>
      <Text c="dimmed">{message}</Text>
      <Button component={Link} to="/" variant="light">
        Go to your organization
      </Button>
    </Stack>
  );
}

export function NotFoundView() {
  return (
    <Stack align="center" gap="sm" py={64}>
      <Title order={2}>Page not found</Title>
      <Text c="dimmed">Nothing lives at this address.</Text>
      <Button component={Link} to="/" variant="light">
        Back to the console
      </Button>
    </Stack>
  );
}
