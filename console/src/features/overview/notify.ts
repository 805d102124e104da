import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../apollo/errors';

// The tenant views' one way to report an action's outcome: green for done, red with the error's plain message.
export function notifySuccess(title: string, message?: string): void {
  notifications.show({ color: 'teal', title, message: message ?? '' });
}

export function notifyFailure(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
}
