import { Alert, Button, Group, Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { errorMessage } from '../../apollo/errors';

/** A catalog form in a dialog: centred on a desktop, the whole screen on a phone. */
export function FormModal({ opened, onClose, title, size = 'lg', children }: { opened: boolean; onClose: () => void; title: string; size?: string; children: ReactNode }) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} fullScreen={Boolean(phone)} centered={!phone}>
      {children}
    </Modal>
  );
}

/** What the server refused that no single field shows. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not saved" role="alert">
      {message}
    </Alert>
  );
}

export function FormActions({ onCancel, submitLabel, loading }: { onCancel: () => void; submitLabel: string; loading: boolean }) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={loading}>
        Cancel
      </Button>
      <Button type="submit" loading={loading}>
        {submitLabel}
      </Button>
    </Group>
  );
}

export function notifySaved(title: string, message?: ReactNode) {
  notifications.show({ color: 'green', title, message: message ?? '' });
}

export function notifyFailed(title: string, error: unknown) {
  notifications.show({ color: 'red', title, message: errorMessage(error) });
}

interface ConfirmActionOptions {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  run: () => Promise<unknown>;
  done: string;
  failed: string;
}

/** Archive, unarchive and the like: say what happens, act only on confirmation, report the outcome. */
export function confirmAction({ title, body, confirmLabel, danger = false, run, done, failed }: ConfirmActionOptions) {
  modals.openConfirmModal({
    title,
    children: body,
    labels: { confirm: confirmLabel, cancel: 'Cancel' },
    confirmProps: { color: danger ? 'red' : undefined },
    onConfirm: () => {
      run().then(
        () => notifySaved(done),
        (error: unknown) => notifyFailed(failed, error),
      );
    },
  });
}

/**
 * After a refused submit (by the form's rules or the server's field errors), brings the first field with an error
 * into view and focuses it: in a long form such as a plan's terms it may be far from the submit button.
 */
export function useFocusFirstError(errors: Record<string, ReactNode>) {
  const formRef = useRef<HTMLFormElement>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-field-error]');
    field?.scrollIntoView({ block: 'center' });
    if (field?.matches('input, textarea')) field.focus();
  }, [errors]);
  return {
    formRef,
    focusFirstError: () => {
      pending.current = true;
    },
  };
}
